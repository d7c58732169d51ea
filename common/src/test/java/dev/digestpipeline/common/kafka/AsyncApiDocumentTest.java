package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.digestpipeline.testsupport.DocSections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {
    private static final String VERSION = "0.1.0-SNAPSHOT";

    private static JsonNode document() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(AsyncApiDocument.yaml(VERSION));
    }

    @Test
    void docsAsyncapiYamlIsTheDocumentTheCatalogGenerates() {
        DocSections.assertFileCurrent("docs/asyncapi.yaml", AsyncApiDocument.yaml(VERSION));
    }

    @Test
    void everyTopicOfTheCatalogIsAChannelWithItsAddressPartitionsCleanupAndRetention() throws Exception {
        JsonNode channels = document().get("channels");
        List<String> addresses = new ArrayList<>();
        channels.forEach(c -> addresses.add(c.get("address").asText()));
        assertEquals(
                List.of(
                        "digest.pages.raw",
                        "digest.papers",
                        "digest.papers.by-tag",
                        "digest.papers.area.{area}",
                        "digest.trends",
                        "digest.pages.dlq",
                        "digest.papers.dlq",
                        "digest.dlq.replayed",
                        "digest.sources.state"),
                addresses);
        JsonNode trends = channels.get("digestTrends").at("/bindings/kafka");
        assertEquals(3, trends.get("partitions").asInt());
        assertEquals(
                "[\"compact\",\"delete\"]",
                trends.at("/topicConfiguration/cleanup.policy").toString());
        assertEquals(
                30L * 24 * 3600 * 1000,
                trends.at("/topicConfiguration/retention.ms").asLong());
        JsonNode replayed = channels.get("digestDlqReplayed").at("/bindings/kafka");
        assertEquals(1, replayed.get("partitions").asInt());
        assertEquals(-1, replayed.at("/topicConfiguration/retention.ms").asLong());
    }

    @Test
    void everyMessageIsItsAvroSchemaFileWithAStringKeyInTheConfluentWireFormat() throws Exception {
        JsonNode doc = document();
        for (TopicSpec<?> topic : Topics.ALL) {
            JsonNode channel = doc.get("channels").get(AsyncApiDocument.channelId(topic));
            String ref = channel.get("messages").elements().next().get("$ref").asText();
            String name = topic.valueType().getSimpleName();
            assertEquals("#/components/messages/" + name, ref);
            JsonNode message = doc.at("/components/messages/" + name);
            String schema = message.at("/payload/schema/$ref").asText();
            Path file = DocSections.checkout().resolve("docs").resolve(schema).normalize();
            assertTrue(Files.isRegularFile(file), schema + " from docs/");
            assertTrue(Files.readString(file).contains("\"name\": \"" + name + "\""), file.toString());
            assertEquals("string", message.at("/bindings/kafka/key/type").asText());
            assertEquals(
                    "confluent",
                    message.at("/bindings/kafka/schemaIdPayloadEncoding").asText());
        }
    }

    @Test
    void everyChannelHasAReceiveOperation() throws Exception {
        JsonNode doc = document();
        List<String> received = new ArrayList<>();
        doc.get("operations").forEach(o -> {
            assertEquals("receive", o.get("action").asText());
            received.add(o.at("/channel/$ref").asText());
        });
        List<String> channels = new ArrayList<>();
        doc.get("channels").fieldNames().forEachRemaining(id -> channels.add("#/channels/" + id));
        assertEquals(channels, received);
    }
}
