package dev.digestpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void takenPortIsReportedWithTheSettingThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> Ports.requireFree(StackPort.KAFKA, port));
            assertEquals(
                    "Port " + port + " on 127.0.0.1 (Kafka) is already taken. Stop what uses it ('./digest down' "
                            + "if it is an earlier stack) or choose another port with DIGEST_KAFKA_PORT.",
                    e.getMessage());
        }
    }

    @Test
    void freePortIsFree() {
        assertTrue(Ports.isFree(Ports.freePort()));
    }

    @Test
    void freePortsAreAllDifferent() {
        int[] ports = Ports.freePorts(6);
        assertEquals(6, java.util.Arrays.stream(ports).distinct().count());
    }
}
