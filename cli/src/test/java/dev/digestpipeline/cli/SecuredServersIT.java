package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_CA_FILE;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_PASSWORD;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_USERNAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.TransportException;
import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.sink.ElasticsearchAccess;
import dev.digestpipeline.sink.SinkApp;
import dev.digestpipeline.sink.SinkConfig;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a secured Elasticsearch and a secured registry: the local ones behind {@link SecuredFront}s that
 * speak https with a CA of their own and refuse any request without the right Authorization header.
 */
@ExtendWith(LocalStackExtension.class)
class SecuredServersIT {
    private static final String API_KEY = "ZGlnZXN0OnNlY3JldC1rZXk=";

    @Test
    void theSinkUsesTheCredentialsAndCaFilesOfBothServers(LocalStack stack, @TempDir Path dir) throws Exception {
        String run = "secured-" + Long.toString(System.currentTimeMillis(), 36);
        try (SecuredFront es = new SecuredFront(
                        stack.elasticsearchUrl(), "ApiKey " + API_KEY, Files.createDirectories(dir.resolve("es")));
                SecuredFront registry = new SecuredFront(
                        stack.registryUrl(),
                        SecuredFront.basic("digest", "s3cret"),
                        Files.createDirectories(dir.resolve("registry")))) {
            SinkConfig config = SinkConfig.of(Map.ofEntries(
                    Map.entry(BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers()),
                    Map.entry(REGISTRY_URL.envName(), registry.url()),
                    Map.entry(REGISTRY_USERNAME.envName(), "digest"),
                    Map.entry(REGISTRY_PASSWORD.envName(), "s3cret"),
                    Map.entry(REGISTRY_CA_FILE.envName(), registry.caFile().toString()),
                    Map.entry(ELASTICSEARCH_URL.envName(), es.url()),
                    Map.entry("DIGEST_ELASTICSEARCH_API_KEY", API_KEY),
                    Map.entry("DIGEST_ELASTICSEARCH_CA_FILE", es.caFile().toString()),
                    Map.entry("DIGEST_GROUP_ID", run),
                    Map.entry("DIGEST_TOPIC_PAPERS", run + ".papers"),
                    Map.entry("DIGEST_TOPIC_TRENDS", ""),
                    Map.entry("DIGEST_TOPIC_PAPERS_DLQ", run + ".papers.dlq"),
                    Map.entry("DIGEST_INDEX_ALIAS", run + "-papers")));
            TopicAdmin.ensure(
                    stack.bootstrapServers(),
                    Map.of(),
                    List.of(Topics.PAPERS.newTopic(run + ".papers", new TopicLayout(1, (short) 1, -1), null)));
            RegistryAccess secured = new RegistryAccess(registry.url(), "digest", "s3cret", registry.caFile());
            Properties props = new Properties();
            props.put("bootstrap.servers", stack.bootstrapServers());
            try (Serde<Paper> serde = Topics.PAPERS.valueSerde(secured);
                    KafkaProducer<String, Paper> producer =
                            new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
                producer.send(new ProducerRecord<>(run + ".papers", "2508.31337", paper("2508.31337")))
                        .get();
            }
            try (SinkApp sink = new SinkApp(config);
                    PipelineProbe probe = new PipelineProbe(
                            stack.bootstrapServers(),
                            stack.registryUrl(),
                            stack.elasticsearchUrl(),
                            run + "-papers",
                            "trends")) {
                sink.start();
                Instant deadline = Instant.now().plusSeconds(90);
                while (!probe.isSearchable("2508.31337")) {
                    assertTrue(Instant.now().isBefore(deadline), "the paper was not indexed within 90 s");
                    Thread.sleep(250);
                }
            }
            assertEquals(0, es.refused(), "requests to Elasticsearch without the API key");
            assertEquals(0, registry.refused(), "requests to the registry without the user");
            assertTrue(es.accepted() > 0 && registry.accepted() > 0);
        }
    }

    @Test
    void aSecuredElasticsearchRefusesAClientWithoutCredentials(LocalStack stack, @TempDir Path dir) throws Exception {
        try (SecuredFront es = new SecuredFront(stack.elasticsearchUrl(), "ApiKey " + API_KEY, dir)) {
            ElasticsearchClient client = new ElasticsearchAccess(es.url(), null, null, null, es.caFile()).client();
            try (client) {
                TransportException e = assertThrows(TransportException.class, client::info);
                assertEquals(401, e.statusCode());
            }
            assertEquals(1, es.refused());
        }
    }

    private static Paper paper(String id) {
        Instant now = Instant.parse("2025-08-21T08:00:00Z");
        return Paper.newBuilder()
                .setPaperId(id)
                .setArxivId(id)
                .setTitle("A Paper Behind Secured Servers")
                .setAuthors(List.of("Ada Lovelace"))
                .setCategories(List.of())
                .setSourcePages(List.of("https://secured.example/page"))
                .setSightings(List.of())
                .setLinks(List.of())
                .setTags(List.of())
                .setModelSizes(List.of())
                .setComputeBudgets(List.of())
                .setContextLengths(List.of())
                .setParsedAt(now)
                .setRevision(1)
                .setAppearances(1)
                .setFirstSeenAt(now)
                .setLastSeenAt(now)
                .build();
    }
}
