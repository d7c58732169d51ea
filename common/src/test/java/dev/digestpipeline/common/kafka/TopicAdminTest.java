package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class TopicAdminTest {
    private static final List<Node> BROKERS = List.of(new Node(1, "b1", 9092), new Node(2, "b2", 9092));

    private static TopicDescription existing(String name, int partitions, int replicas) {
        List<TopicPartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartitionInfo(
                        p, BROKERS.get(0), BROKERS.subList(0, replicas), BROKERS.subList(0, replicas)))
                .toList();
        return new TopicDescription(name, false, infos);
    }

    @Test
    void anExistingTopicWithFewerPartitionsAndReplicasIsSaidPlainly() {
        List<String> said = TopicAdmin.differences(
                List.of(new NewTopic("digest.papers.dlq", 3, (short) 2)),
                Map.of("digest.papers.dlq", existing("digest.papers.dlq", 1, 1)));
        assertEquals(
                List.of(
                        "topic digest.papers.dlq exists with 1 partition, fewer than the 3 this app creates it with: "
                                + "fewer instances can share its work (partitions can be added with kafka-topics "
                                + "--alter; a keyed topic's keys then move)",
                        "topic digest.papers.dlq exists with 1 replica, fewer than the 2 of replication.factor: "
                                + "losing its broker loses its records (kafka-reassign-partitions adds replicas)"),
                said);
    }

    @Test
    void aTopicAsLargeAsAskedOrLeftToTheBrokersDefaultIsFine() {
        assertEquals(
                List.of(),
                TopicAdmin.differences(
                        List.of(
                                new NewTopic("a", 3, (short) 2),
                                Topics.PAPERS.newTopic("b", TopicLayout.DEFAULTS, null)),
                        Map.of("a", existing("a", 6, 2), "b", existing("b", 3, 1))));
    }
}
