package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.common.kafka.RegistrySerdes;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.testsupport.LocalStackExtension;
import io.apicurio.registry.serde.avro.AvroSerde;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our registry serde on the real registry: the bytes of Apicurio's own serializer, read back by its reader. */
@ExtendWith(LocalStackExtension.class)
class RegistrySerdesIT {
    @Test
    void everyRecordIsTheBytesApicuriosSerializerWritesAndReadsBack(LocalStack stack) throws Exception {
        RawPage page = PageGenerator.page("arxiv-atom", 20, 0, 0);
        page.setSourceUri("https://bench.example/registry-serdes");
        List<Paper> papers = new PageEnricher(TopicTagger.bundled(), Clock.systemUTC())
                .enrich(page)
                .papers();
        assertEquals(20, papers.size());
        String run = "registry-serdes-" + UUID.randomUUID();
        try (Serde<Paper> ours = RegistrySerdes.valueSerde(stack.registryUrl());
                AvroSerde<Paper> apicurios = new AvroSerde<>()) {
            apicurios.configure(RegistrySerdes.config(stack.registryUrl()), false);
            for (String topic : List.of(run + ".papers", run + ".papers.by-tag")) {
                for (Paper paper : papers) {
                    byte[] bytes = ours.serializer().serialize(topic, new RecordHeaders(), paper);
                    assertArrayEquals(apicurios.serializer().serialize(topic, paper), bytes, paper.getPaperId());
                    assertEquals(paper, apicurios.deserializer().deserialize(topic, bytes));
                }
            }
        }
    }

    @Test
    void aRecordAvroCannotWriteFailsAloneAndTheNextIsApicuriosBytes(LocalStack stack) throws Exception {
        RawPage page = PageGenerator.page("arxiv-atom", 3, 0, 0);
        page.setSourceUri("https://bench.example/registry-serdes-failure");
        List<Paper> papers = new PageEnricher(TopicTagger.bundled(), Clock.systemUTC())
                .enrich(page)
                .papers();
        String topic = "registry-serdes-" + UUID.randomUUID() + ".papers";
        try (Serde<Paper> ours = RegistrySerdes.valueSerde(stack.registryUrl());
                AvroSerde<Paper> apicurios = new AvroSerde<>()) {
            apicurios.configure(RegistrySerdes.config(stack.registryUrl()), false);
            ours.serializer().serialize(topic, new RecordHeaders(), papers.get(0));
            Paper titleless = Paper.newBuilder(papers.get(1)).build();
            titleless.setTitle(null);
            assertThrows(
                    SerializationException.class,
                    () -> ours.serializer().serialize(topic, new RecordHeaders(), titleless));
            assertArrayEquals(
                    apicurios.serializer().serialize(topic, papers.get(2)),
                    ours.serializer().serialize(topic, new RecordHeaders(), papers.get(2)));
        }
    }
}
