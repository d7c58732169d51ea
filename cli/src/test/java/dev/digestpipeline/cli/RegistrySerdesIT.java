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
    /** The enriched papers of a generated arXiv page, as enrich writes them. */
    private static List<Paper> enrichedPapers(int count, String sourceUri) throws Exception {
        RawPage page = PageGenerator.page("arxiv-atom", count, 0, 0);
        page.setSourceUri(sourceUri);
        List<Paper> papers = new PageEnricher(TopicTagger.bundled(), Clock.systemUTC())
                .enrich(page)
                .papers();
        assertEquals(count, papers.size());
        return papers;
    }

    /** Apicurio's own serde, configured as ours is. */
    private static AvroSerde<Paper> apicurios(LocalStack stack) {
        AvroSerde<Paper> serde = new AvroSerde<>();
        serde.configure(RegistrySerdes.config(stack.registryUrl()), false);
        return serde;
    }

    @Test
    void everyRecordIsTheBytesApicuriosSerializerWritesAndReadsBack(LocalStack stack) throws Exception {
        List<Paper> papers = enrichedPapers(20, "https://bench.example/registry-serdes");
        String run = "registry-serdes-" + UUID.randomUUID();
        try (Serde<Paper> ours = RegistrySerdes.valueSerde(stack.registryUrl());
                AvroSerde<Paper> apicurios = apicurios(stack)) {
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
        List<Paper> papers = enrichedPapers(3, "https://bench.example/registry-serdes-failure");
        String topic = "registry-serdes-" + UUID.randomUUID() + ".papers";
        try (Serde<Paper> ours = RegistrySerdes.valueSerde(stack.registryUrl());
                AvroSerde<Paper> apicurios = apicurios(stack)) {
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
