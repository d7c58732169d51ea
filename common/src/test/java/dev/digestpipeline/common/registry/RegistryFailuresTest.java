package dev.digestpipeline.common.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryFailuresTest {
    @Test
    void aRefusedConnectionDeepInTheChainIsTheRegistryBeingDown() {
        // as a client wrapping the HTTP client's failure reports it
        RuntimeException failure = new RuntimeException(new RuntimeException(
                new ExecutionException(new ConnectException("Connection refused: /127.0.0.1:8081"))));
        assertTrue(RegistryFailures.isUnavailable(failure));
    }

    @Test
    void theRegistryClientsOwnReportIsTheRegistryNotAnswering() {
        assertTrue(RegistryFailures.isUnavailable(new RuntimeException(
                new RegistryUnavailableException("schema id 3: the registry at http://r answered 503"))));
    }

    @Test
    void anUnknownSchemaIdIsTheRecordsFault() {
        assertFalse(RegistryFailures.isUnavailable(
                new SerializationException("schema id 7 is unknown to the registry at http://r")));
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
