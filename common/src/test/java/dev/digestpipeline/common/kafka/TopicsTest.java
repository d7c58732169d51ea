package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.testsupport.DocSections;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {
    private static final TopicLayout THREE_BY_THREE = new TopicLayout(3, (short) 3, 2);

    @Test
    void readmeTopicTableIsTheCatalog() {
        DocSections.assertCurrent("topics", Topics.markdownTable());
    }

    @Test
    void aCreatedTopicHasItsDeclaredCleanupPolicyAndTheRetentionItsSettingGives() {
        NewTopic trends = Topics.TRENDS.newTopic("digest.trends", THREE_BY_THREE, Duration.ofDays(2));
        assertEquals(
                Map.of("cleanup.policy", "compact,delete", "retention.ms", "172800000", "min.insync.replicas", "2"),
                trends.configs());
        assertEquals(3, trends.numPartitions());
        assertEquals(3, trends.replicationFactor());
    }

    @Test
    void aCreatedTopicWithoutARetentionSettingKeepsTheDeclaredOne() {
        assertEquals(
                Map.of("cleanup.policy", "delete", "retention.ms", "604800000"),
                Topics.PAPERS_BY_TAG.newTopic("x", TopicLayout.DEFAULTS, null).configs());
        assertEquals(
                Map.of("cleanup.policy", "compact"),
                Topics.PAPERS.newTopic("x", TopicLayout.DEFAULTS, null).configs());
    }

    @Test
    void byDefaultTheBrokerChoosesTheReplicasAndMinInsyncReplicas() {
        NewTopic papers = Topics.PAPERS.newTopic(TopicLayout.DEFAULTS);
        assertEquals(-1, papers.replicationFactor());
        assertEquals(Map.of("cleanup.policy", "compact"), papers.configs());
        assertEquals(3, papers.numPartitions());
    }

    @Test
    void theRawPagesAndTheDeadLettersAreKeptThirtyDaysAndTakePagesOfSixteenMebibytes() {
        for (TopicSpec<?> topic : new TopicSpec<?>[] {Topics.PAGES_RAW, Topics.PAGES_DLQ, Topics.PAPERS_DLQ}) {
            assertEquals(
                    Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(Duration.ofDays(30).toMillis()),
                            "max.message.bytes", Integer.toString(16 * 1024 * 1024)),
                    topic.newTopic(TopicLayout.DEFAULTS).configs(),
                    topic.name());
        }
    }

    @Test
    void aTopicTheCatalogGivesOnePartitionHasOneWhateverTheSetting() {
        assertEquals(1, Topics.SOURCES_STATE.newTopic(THREE_BY_THREE).numPartitions());
        assertEquals(1, Topics.DLQ_REPLAYED.newTopic(THREE_BY_THREE).numPartitions());
    }

    @Test
    void minInsyncReplicasAboveTheReplicasIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new TopicLayout(3, (short) 2, 3));
        assertEquals("min.insync.replicas (3) cannot exceed replication.factor (2)", e.getMessage());
    }

    @Test
    void everyTopicThatDeletesOldRecordsDeclaresItsRetention() {
        for (TopicSpec<?> topic : Topics.ALL) {
            assertEquals(topic.cleanupPolicy().equals("compact"), topic.retention() == null, topic.name());
        }
    }
}
