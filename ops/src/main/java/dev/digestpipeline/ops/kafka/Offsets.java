package dev.digestpipeline.ops.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** The ends of topics' partitions, asked of the brokers through the admin client. */
public final class Offsets {
    private Offsets() {}

    /** Every partition of the topics, each asked for its latest offset, in the topics' order. */
    public static Map<TopicPartition, OffsetSpec> latestOf(Admin admin, Collection<String> topics, Duration timeout)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description
                        .partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        return latest;
    }

    /** Each partition's last stable offset: as far as a read_committed consumer can read now. */
    public static Map<TopicPartition, Long> stableEnds(Admin admin, Collection<String> topics, Duration timeout)
            throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latestOf(admin, topics, timeout), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }
}
