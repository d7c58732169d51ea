package dev.digestpipeline.common.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RegistryAvroSerializerTest {
    /** A registry that gives every schema id 42, and the subjects it was asked about. */
    static final class FakeRegistry implements SchemaLookup {
        final List<String> calls = new ArrayList<>();
        boolean down;

        @Override
        public Schema schema(int id) {
            calls.add("id " + id);
            if (down) {
                throw new RegistryUnavailableException("schema id " + id + ": the registry did not answer");
            }
            if (id != 42) {
                throw new SerializationException("schema id " + id + " is unknown");
            }
            return Paper.getClassSchema();
        }

        @Override
        public int register(String subject, Schema schema) {
            calls.add(subject);
            if (down) {
                throw new RegistryUnavailableException(
                        "registering under " + subject + ": the registry did not answer");
            }
            return 42;
        }
    }

    static byte[] wireFormat(Paper paper) {
        return wireFormat((byte) 0, paper);
    }

    static byte[] wireFormat(byte magic, Paper paper) {
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

    static Paper paper(String id) {
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
        FakeRegistry registry = new FakeRegistry();
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        serializer.serialize("digest.papers", paper("2611.00001"));
        for (String id : List.of("2611.00002", "2611.00003")) {
            assertArrayEquals(
                    wireFormat((byte) 0, paper(id)),
                    serializer.serialize("digest.papers", new RecordHeaders(), paper(id)));
        }
        assertEquals(List.of("digest.papers-value"), registry.calls);
    }

    @Test
    void eachTopicIsResolvedByTheRegistryOnce() {
        FakeRegistry registry = new FakeRegistry();
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        for (String topic : List.of("digest.papers", "digest.papers.by-tag", "digest.papers", "digest.papers.by-tag")) {
            serializer.serialize(topic, paper("2611.00001"));
        }
        assertEquals(List.of("digest.papers-value", "digest.papers.by-tag-value"), registry.calls);
    }

    @Test
    void aRegistryThatDoesNotAnswerFailsTheFirstRecordAsUnavailableAndTheNextAsksAgain() {
        FakeRegistry registry = new FakeRegistry();
        RegistryAvroSerializer<Paper> serializer = new RegistryAvroSerializer<>(registry);
        registry.down = true;
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class, () -> serializer.serialize("digest.papers", paper("2611.00001")));
        assertTrue(RegistryFailures.isUnavailable(e));
        registry.down = false;
        assertArrayEquals(wireFormat(paper("2611.00001")), serializer.serialize("digest.papers", paper("2611.00001")));
        assertEquals(List.of("digest.papers-value", "digest.papers-value"), registry.calls);
    }

    @Test
    void aRecordAvroCannotWriteFailsNamingItsTopicAndTheNextIsWrittenWhole() {
        FakeRegistry registry = new FakeRegistry();
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
        FakeRegistry registry = new FakeRegistry();
        assertNull(new RegistryAvroSerializer<>(registry).serialize("digest.papers", null));
        assertEquals(List.of(), registry.calls);
    }
}
