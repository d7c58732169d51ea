package dev.digestpipeline.ops.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on topics, the one place lag is computed (the dashboard's stages, and the
 * probe that waits for the pipeline to catch up): its committed offsets against each partition's stable end (as far
 * as a read_committed consumer can read). Under exactly-once, transaction markers make the offset difference an
 * overcount; {@link TopicRecords#backlog} counts the records themselves from {@link Behind#lagging()}.
 */
public final class ConsumerLag {
    private ConsumerLag() {}

    /**
     * The group's position on the topics' partitions.
     *
     * @param processed the committed offsets added up: what the group has done
     * @param offsets the stable ends minus the committed offsets, transaction markers included
     * @param lagging each partition behind, and the offset the group will read next there
     */
    public record Behind(long processed, long offsets, Map<TopicPartition, Long> lagging) {}

    /**
     * The group's position against stable ends already asked for (the dashboard asks once for every stage); only
     * the partitions of the topics named count.
     */
    public static Behind of(
            Admin admin,
            String group,
            Map<TopicPartition, Long> stableEnds,
            Collection<String> topics,
            Duration timeout)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long processed = 0;
        long offsets = 0;
        Map<TopicPartition, Long> lagging = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, Long> end : stableEnds.entrySet()) {
            if (!topics.contains(end.getKey().topic())) {
                continue;
            }
            OffsetAndMetadata done = committed.get(end.getKey());
            long at = done == null ? 0 : done.offset();
            processed += at;
            if (at < end.getValue()) {
                offsets += end.getValue() - at;
                lagging.put(end.getKey(), at);
            }
        }
        return new Behind(processed, offsets, lagging);
    }
}
