package dev.digestpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackPortTest {
    @Test
    void theEnvironmentMovesAPortElseItsDefaultHolds() {
        assertEquals(19092, StackPort.KAFKA.from(Map.of("DIGEST_KAFKA_PORT", "19092")));
        assertEquals(9200, StackPort.ELASTICSEARCH.from(Map.of()));
    }

    @Test
    void aPortThatIsNoNumberNamesItsVariable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> StackPort.REGISTRY.from(Map.of("DIGEST_REGISTRY_PORT", "http")));
        assertEquals("DIGEST_REGISTRY_PORT must be a port number, not 'http'", e.getMessage());
    }
}
