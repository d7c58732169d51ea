package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class RegistryAvroSerializerTest {
    /** A registry serializer writing the wire format with schema id 42 (or another first byte), and its calls. */
    private static final class FakeRegistry implements Serializer<Paper> {
        final List<String> calls = new ArrayList<>();
        final byte magic;

        FakeRegistry(byte magic) {
            this.magic = magic;
        }

        @Override
        public byte[] serialize(String topic, Paper data) {
            calls.add(topic);
            return wireFormat(magic, data);
        }
    }

    private static byte[] wireFormat(byte magic, Paper paper) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {magic, 0, 0, 0, 42});
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<Paper>(Paper.getClassSchema()).write(paper, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Paper paper(String id) {
        return Paper.newBuilder()
                .setPaperId(id)
                .setArxivId(id)
                .setTitle("Attention Is All You Need, again (" + id + ")")
                .setAbstract$("We revisit the Transformer; résumé of 40 experiments.")
                .setAuthors(List.of("A. Vaswani", "N. Shazeer"))
                .setSourcePages(List.of("https://arxiv.org/list/cs.CL/new"))
                .setLinks(List.of())
                .setTags(List.of(new Tag("language", 10.0, List.of("category:cs.CL"))))
                .setParsedAt(Instant.parse("2026-11-27T12:00:00Z"))
                .setCategories(List.of("cs.CL"))
                .setSightings(List.of())
                .setModelSizes(List.of())
                .setComputeBudgets(List.of())
                .setContextLengths(List.of())
                .setRevision(1)
                .setAppearances(1)
                .build();
    }

    @Test
    void laterRecordsOfATopicAreTheRegistrysBytesWithoutAskingIt() {
        FakeRegistry registry = new FakeRegistry((byte) 0);
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        serializer.serialize("digest.papers", paper("2611.00001"));
        for (String id : List.of("2611.00002", "2611.00003")) {
            assertArrayEquals(
                    wireFormat((byte) 0, paper(id)),
                    serializer.serialize("digest.papers", new RecordHeaders(), paper(id)));
        }
        assertEquals(List.of("digest.papers"), registry.calls);
    }

    @Test
    void eachTopicIsResolvedByTheRegistryOnce() {
        FakeRegistry registry = new FakeRegistry((byte) 0);
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        for (String topic : List.of("digest.papers", "digest.papers.by-tag", "digest.papers", "digest.papers.by-tag")) {
            serializer.serialize(topic, paper("2611.00001"));
        }
        assertEquals(List.of("digest.papers", "digest.papers.by-tag"), registry.calls);
    }

    @Test
    void bytesNotInTheWireFormatAreAlwaysTheRegistrys() {
        FakeRegistry registry = new FakeRegistry((byte) 1);
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        serializer.serialize("digest.papers", paper("2611.00001"));
        assertArrayEquals(
                wireFormat((byte) 1, paper("2611.00002")), serializer.serialize("digest.papers", paper("2611.00002")));
        assertEquals(List.of("digest.papers", "digest.papers"), registry.calls);
    }

    @Test
    void aRecordAvroCannotWriteFailsNamingItsTopicAndTheNextIsWrittenWhole() {
        FakeRegistry registry = new FakeRegistry((byte) 0);
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        serializer.serialize("digest.papers", paper("2611.00001"));
        Paper titleless = paper("2611.00002");
        titleless.setTitle(null);
        SerializationException e =
                assertThrows(SerializationException.class, () -> serializer.serialize("digest.papers", titleless));
        assertEquals("could not write a Paper to digest.papers", e.getMessage());
        // what the failed record left in this thread's buffer is not part of the next one
        assertArrayEquals(
                wireFormat((byte) 0, paper("2611.00003")), serializer.serialize("digest.papers", paper("2611.00003")));
    }

    @Test
    void aNullValueIsATombstone() {
        FakeRegistry registry = new FakeRegistry((byte) 0);
        assertNull(new RegistryAvroSerializer<>(registry).serialize("digest.papers", null));
        assertEquals(List.of(), registry.calls);
    }
}
