package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.testsupport.LocalStackExtension;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our registry serde on the real registry, through its Confluent-compatible API, beside Apicurio's own serde through
 * its native API: the same Avro binary, and each reads what the other wrote (the schema ids differ: Apicurio's serde
 * registers the schema's text in another form, a content of its own).
 */
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

    /** Apicurio's own serde, as a consumer of ours configures it: content ids, the Confluent wire format. */
    private static AvroSerde<Paper> apicurios(LocalStack stack) {
        AvroSerde<Paper> serde = new AvroSerde<>();
        serde.configure(
                Map.of(
                        AvroSerdeConfig.REGISTRY_URL, stack.registryUrl() + "/apis/registry/v3",
                        AvroSerdeConfig.AUTO_REGISTER_ARTIFACT, true,
                        AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true,
                        KafkaSerdeConfig.ENABLE_HEADERS, false,
                        AvroSerdeConfig.USE_ID, "contentId"),
                false);
        return serde;
    }

    /** The Avro binary after the wire format's magic byte and schema id. */
    private static byte[] avro(byte[] wireFormat) {
        assertEquals(0, wireFormat[0]);
        return Arrays.copyOfRange(wireFormat, 5, wireFormat.length);
    }

    @Test
    void eachReadsWhatTheOtherWritesAndTheAvroBinaryIsTheSame(LocalStack stack) throws Exception {
        List<Paper> papers = enrichedPapers(20, "https://bench.example/registry-serdes");
        String run = "registry-serdes-" + UUID.randomUUID();
        try (Serde<Paper> ours = RegistrySerdes.valueSerde(stack.registryUrl());
                AvroSerde<Paper> apicurios = apicurios(stack)) {
            for (String topic : List.of(run + ".papers", run + ".papers.by-tag")) {
                for (Paper paper : papers) {
                    byte[] bytes = ours.serializer().serialize(topic, new RecordHeaders(), paper);
                    byte[] theirs = apicurios.serializer().serialize(topic, paper);
                    assertArrayEquals(avro(theirs), avro(bytes), paper.getPaperId());
                    assertEquals(paper, apicurios.deserializer().deserialize(topic, bytes));
                    assertEquals(paper, ours.deserializer().deserialize(topic, theirs));
                }
            }
        }
    }

    @Test
    void aRecordAvroCannotWriteFailsAloneAndTheNextIsWrittenWhole(LocalStack stack) throws Exception {
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
            byte[] next = ours.serializer().serialize(topic, new RecordHeaders(), papers.get(2));
            assertEquals(papers.get(2), apicurios.deserializer().deserialize(topic, next));
        }
    }

    @Test
    void aSubjectApicuriosSerdeRegisteredWithReferencesTakesOursAndReadsBack(LocalStack stack) throws Exception {
        List<Paper> papers = enrichedPapers(2, "https://bench.example/registry-serdes-upgrade");
        String topic = "registry-serdes-" + UUID.randomUUID() + ".papers";
        try (Serde<Paper> ours = RegistrySerdes.valueSerde(stack.registryUrl());
                AvroSerde<Paper> apicurios = apicurios(stack)) {
            // as an older release of the apps wrote it: Apicurio's serde, its nested records as references
            byte[] old = apicurios.serializer().serialize(topic, papers.get(0));
            byte[] now = ours.serializer().serialize(topic, new RecordHeaders(), papers.get(1));
            assertEquals(papers.get(0), ours.deserializer().deserialize(topic, old));
            assertEquals(papers.get(1), apicurios.deserializer().deserialize(topic, now));
        }
    }
}
