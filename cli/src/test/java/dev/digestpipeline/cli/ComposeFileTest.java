package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.digestpipeline.testsupport.DocSections;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker-compose.yml can only be checked as a file here (no Docker): what it publishes, and where. */
class ComposeFileTest {
    @Test
    void everyPublishedPortIsBoundToLoopbackOnly() throws IOException {
        List<String> ports = Files.readAllLines(DocSections.checkout().resolve("docker-compose.yml")).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("ports:"))
                .toList();
        assertFalse(ports.isEmpty());
        // Elasticsearch runs with security off, Kafka in plaintext: nothing of it may listen beyond this machine
        assertEquals(
                List.of(),
                ports.stream()
                        .filter(line -> !line.matches("ports: \\[(\"127\\.0\\.0\\.1:\\d+:\\d+\",? ?)+\\]"))
                        .toList());
    }
}
