package dev.digestpipeline.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema in src/main/avro must read data written with the last released version of itself (BACKWARD), and
 * that version must read data written with it (FORWARD): FULL, the registry's rule, so that during a rolling
 * upgrade old and new instances read each other's records, whichever app is upgraded first. Releases are kept in
 * released/VERSION; a new schema goes there as it is first written to a topic.
 */
class SchemaEvolutionTest {
    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("released");

    @Test
    void everySchemaIsBackwardCompatibleWithItsLastRelease() throws IOException {
        Path release = lastRelease();
        try (Stream<Path> files = Files.list(release)) {
            List<Path> released =
                    files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
            assertFalse(released.isEmpty(), "no schemas in " + release);
            for (Path old : released) {
                Path now = CURRENT.resolve(old.getFileName());
                assertTrue(
                        Files.exists(now),
                        old.getFileName() + " was released in " + release + " but is gone from " + CURRENT
                                + "; topics still hold records written with it");
                Schema current = new Schema.Parser().parse(now.toFile());
                Schema previous = new Schema.Parser().parse(old.toFile());
                String backward = incompatibilities(current, previous);
                assertEquals(
                        "", backward, now + " cannot read records written with " + old + " (BACKWARD):\n" + backward);
                String forward = incompatibilities(previous, current);
                assertEquals("", forward, old + " cannot read records written with " + now + " (FORWARD):\n" + forward);
            }
        }
    }

    @Test
    void everySchemaHasAReleasedCopyToBeCheckedAgainst() throws IOException {
        Path release = lastRelease();
        try (Stream<Path> files = Files.list(CURRENT)) {
            for (Path schema : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                assertTrue(
                        Files.exists(release.resolve(schema.getFileName())),
                        schema + " has no copy in " + release + ": nothing checks that its changes stay compatible");
            }
        }
    }

    @Test
    void aFieldAddedWithoutDefaultIsReportedByName() {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
        Schema added = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}""");
        assertEquals("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: b", incompatibilities(added, old));
    }

    /** Each incompatibility as "TYPE at location: field", one per line; empty when compatible. */
    static String incompatibilities(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return "";
        }
        return result.getResult().getIncompatibilities().stream()
                .map(SchemaEvolutionTest::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Incompatibility i) {
        return i.getType() + " at " + i.getLocation() + ": " + i.getMessage();
    }

    private static Path lastRelease() throws IOException {
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            return dirs.filter(Files::isDirectory)
                    .max(Comparator.comparing(SchemaEvolutionTest::versionKey))
                    .orElseThrow(() -> new AssertionError("no released schemas under " + RELEASED));
        }
    }

    private static String versionKey(Path dir) {
        StringBuilder key = new StringBuilder();
        for (String part : dir.getFileName().toString().split("\\.", 0)) {
            key.append(String.format(Locale.ROOT, "%06d", Integer.parseInt(part.replaceAll("\\D", "0"))));
        }
        return key.toString();
    }
}
