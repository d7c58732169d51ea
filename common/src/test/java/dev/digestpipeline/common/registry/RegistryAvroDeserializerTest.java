package dev.digestpipeline.common.registry;

import static dev.digestpipeline.common.registry.RegistryAvroSerializerTest.paper;
import static dev.digestpipeline.common.registry.RegistryAvroSerializerTest.wireFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.common.registry.RegistryAvroSerializerTest.FakeRegistry;
import dev.digestpipeline.schemas.Paper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryAvroDeserializerTest {
    private final FakeRegistry registry = new FakeRegistry();
    private final RegistryAvroDeserializer<Paper> deserializer = new RegistryAvroDeserializer<>(registry);

    @Test
    void readsTheWireFormatIntoTheGeneratedClass() {
        assertEquals(paper("2611.00001"), deserializer.deserialize("digest.papers", wireFormat(paper("2611.00001"))));
    }

    @Test
    void asksTheRegistryForAnIdOnceAndReadsWithoutItAfterwards() {
        deserializer.deserialize("digest.papers", wireFormat(paper("2611.00001")));
        registry.down = true;
        assertEquals(paper("2611.00002"), deserializer.deserialize("digest.papers", wireFormat(paper("2611.00002"))));
        assertEquals(List.of("id 42"), registry.calls);
    }

    @Test
    void aRegistryThatDoesNotAnswerIsUnavailableNotTheRecordsFault() {
        registry.down = true;
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class,
                () -> deserializer.deserialize("digest.papers", wireFormat(paper("2611.00001"))));
        assertTrue(RegistryFailures.isUnavailable(e));
    }

    @Test
    void bytesThatAreNotTheWireFormatAreTheRecordsFault() {
        SerializationException e = assertThrows(
                SerializationException.class,
                () -> deserializer.deserialize(
                        "digest.pages.raw", "{\"json\": true}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "a record of digest.pages.raw is not in the Confluent wire format (magic byte 0 and a 4-byte schema "
                        + "id): 14 bytes, the first 123",
                e.getMessage());
        assertFalse(RegistryFailures.isUnavailable(e));
    }

    @Test
    void anUnknownSchemaIdIsTheRecordsFault() {
        byte[] bytes = wireFormat(paper("2611.00001"));
        bytes[4] = 7;
        SerializationException e =
                assertThrows(SerializationException.class, () -> deserializer.deserialize("digest.papers", bytes));
        assertEquals("schema id 7 is unknown", e.getMessage());
        assertFalse(RegistryFailures.isUnavailable(e));
    }

    @Test
    void truncatedAvroIsTheRecordsFaultAndNamesTheTopicAndId() {
        byte[] whole = wireFormat(paper("2611.00001"));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        SerializationException e =
                assertThrows(SerializationException.class, () -> deserializer.deserialize("digest.papers", truncated));
        assertTrue(
                e.getMessage().startsWith("a record of digest.papers cannot be read with its schema (id 42): "),
                e.getMessage());
        assertFalse(RegistryFailures.isUnavailable(e));
    }

    @Test
    void aNullValueIsATombstone() {
        assertNull(deserializer.deserialize("digest.papers", null));
        assertEquals(List.of(), registry.calls);
    }
}
