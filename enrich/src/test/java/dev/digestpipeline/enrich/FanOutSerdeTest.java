package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class FanOutSerdeTest {
    /** Topics the registry serde was asked to serialize for, in order. */
    private final List<String> serialized = new ArrayList<>();

    private final Serde<StringBuilder> registry = Serdes.serdeFrom(
            (topic, value) -> {
                serialized.add(topic);
                return value.toString().getBytes(StandardCharsets.UTF_8);
            },
            (topic, bytes) -> new StringBuilder(new String(bytes, StandardCharsets.UTF_8)));
    private final Serializer<StringBuilder> fanOut = new FanOutSerde<>(registry).serializer();

    @Test
    void recordSentToTopicsAlreadyWrittenIsSerializedOnce() {
        fanOut.serialize("papers", new StringBuilder("a"));
        fanOut.serialize("by-tag", new StringBuilder("b"));
        serialized.clear();
        StringBuilder paper = new StringBuilder("paper");
        byte[] first = fanOut.serialize("papers", paper);
        assertArrayEquals(first, fanOut.serialize("by-tag", paper));
        assertArrayEquals(first, fanOut.serialize("by-tag", paper));
        assertEquals(List.of("papers"), serialized);
    }

    @Test
    void firstRecordOfATopicGoesThroughTheRegistrySerdeSoItsSchemaIsRegisteredThere() {
        StringBuilder paper = new StringBuilder("paper");
        fanOut.serialize("papers", paper);
        fanOut.serialize("area.vision", paper);
        assertEquals(List.of("papers", "area.vision"), serialized);
    }

    @Test
    void anEqualButOtherRecordIsSerializedAgain() {
        fanOut.serialize("papers", new StringBuilder("same"));
        fanOut.serialize("papers", new StringBuilder("same"));
        assertEquals(List.of("papers", "papers"), serialized);
    }
}
