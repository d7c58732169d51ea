package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.kiota.ApiException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryFailuresTest {
    /** What the registry client throws for an HTTP error answer. */
    private static final class Answer extends ApiException {
        Answer(int status) {
            super("HTTP " + status);
            setResponseStatusCode(status);
        }
    }

    @Test
    void aRefusedConnectionDeepInTheChainIsTheRegistryBeingDown() {
        // as the Apicurio serde reports it
        RuntimeException failure = new RuntimeException(new RuntimeException(
                new ExecutionException(new ConnectException("Connection refused: /127.0.0.1:8081"))));
        assertTrue(RegistryFailures.isUnavailable(failure));
    }

    @Test
    void a5xxOrA429FromTheRegistryIsTheRegistryNotAnswering() {
        assertTrue(RegistryFailures.isUnavailable(new RuntimeException(new Answer(503))));
        assertTrue(RegistryFailures.isUnavailable(new RuntimeException(new Answer(429))));
    }

    @Test
    void anUnknownSchemaIdIsTheRecordsFault() {
        assertFalse(RegistryFailures.isUnavailable(new RuntimeException(new Answer(404))));
    }

    @Test
    void malformedBytesAreTheRecordsFault() {
        assertFalse(RegistryFailures.isUnavailable(new SerializationException("Unknown magic byte!")));
    }

    @Test
    void truncatedAvroBytesAreTheRecordsFaultThoughAvroSaysIOException() {
        assertFalse(RegistryFailures.isUnavailable(
                new SerializationException("cannot read", new java.io.EOFException("end of stream"))));
    }
}
