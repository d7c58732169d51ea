package dev.digestpipeline.common.registry;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a schema registry that could not answer from a record that cannot be read. A registry down, unreachable,
 * overloaded (429) or failing (5xx) says nothing about the record: it is read again once the registry is back, never
 * dead-lettered. Malformed bytes and an unknown schema id are the record's own fault.
 */
public final class RegistryFailures {
    private RegistryFailures() {}

    /** Whether the failure, or one of its causes, is the registry not answering rather than the record. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // the registry client's own report (a deadline passed, a 5xx or a 429), or refused connections, resets
            // and timeouts as they come; not every IOException: Avro reports truncated bytes as an EOFException,
            // and those are the record's fault
            if (t instanceof RegistryUnavailableException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof HttpTimeoutException
                    || t instanceof ClosedChannelException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
