package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.testsupport.DocSections;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void readmeTopicTableIsTheCatalog() {
        DocSections.assertCurrent("topics", Topics.markdownTable());
    }

    @Test
    void aCreatedTopicHasItsDeclaredCleanupPolicyAndTheRetentionItsSettingGives() {
        NewTopic trends = Topics.TRENDS.newTopic("digest.trends", 3, (short) 1, Duration.ofDays(2), Map.of());
        assertEquals(Map.of("cleanup.policy", "compact,delete", "retention.ms", "172800000"), trends.configs());
        assertEquals(3, trends.numPartitions());
    }

    @Test
    void aCreatedTopicWithoutARetentionSettingKeepsTheDeclaredOne() {
        assertEquals(
                Map.of("cleanup.policy", "delete", "retention.ms", "604800000"),
                Topics.PAPERS_BY_TAG.newTopic("x", 1, (short) 1, null, Map.of()).configs());
        assertEquals(
                Map.of("cleanup.policy", "compact"),
                Topics.PAPERS.newTopic("x", 1, (short) 1, null, Map.of()).configs());
    }
}
