package dev.digestpipeline.common.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry did not answer within its deadline, could not be reached, or answered 5xx or 429: the record
 * is not at fault and is read or written again once the registry is back ({@link RegistryFailures}).
 */
public final class RegistryUnavailableException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
