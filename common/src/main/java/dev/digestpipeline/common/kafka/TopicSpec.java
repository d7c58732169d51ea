package dev.digestpipeline.common.kafka;

import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.common.registry.RegistrySerdes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the pipeline, declared once in {@link Topics}: its default name, what its key and value are, its
 * cleanup policy and retention, and who writes and reads it. Keys are strings; values are Avro records in the
 * Confluent wire format ({@link RegistrySerdes}).
 *
 * @param name the default name; a family of topics (one per area) is the prefix its members share
 * @param retention how long records are kept, or null for the broker's default: only for compacted topics,
 *     whose latest record per key is kept whatever the time
 * @param partitions the partitions the topic is created with, or 0 for the creating app's {@code partitions}
 *     setting
 * @param maxMessageBytes the largest record batch the topic takes, or 0 for the broker's default (1 MiB)
 */
public record TopicSpec<V extends SpecificRecord>(
        String name,
        boolean family,
        Class<V> valueType,
        String key,
        String value,
        String cleanupPolicy,
        Duration retention,
        String writtenBy,
        String readBy,
        int partitions,
        int maxMessageBytes) {
    /** Pages and dead letters that hold pages can be large: a page of several MiB is one record. */
    public static final int LARGE_RECORDS = 16 * 1024 * 1024;

    public TopicSpec {
        if (retention == null && !cleanupPolicy.equals("compact")) {
            throw new IllegalArgumentException(name + ": a topic that deletes old records declares its retention");
        }
    }

    /** A topic created with the creating app's {@code partitions} setting. */
    public TopicSpec(
            String name,
            boolean family,
            Class<V> valueType,
            String key,
            String value,
            String cleanupPolicy,
            Duration retention,
            String writtenBy,
            String readBy) {
        this(name, family, valueType, key, value, cleanupPolicy, retention, writtenBy, readBy, 0, 0);
    }

    /** The same topic with a fixed number of partitions, whatever the creating app's setting. */
    public TopicSpec<V> withPartitions(int fixed) {
        return new TopicSpec<>(
                name,
                family,
                valueType,
                key,
                value,
                cleanupPolicy,
                retention,
                writtenBy,
                readBy,
                fixed,
                maxMessageBytes);
    }

    /** The same topic taking records of up to {@code bytes}. */
    public TopicSpec<V> withMaxMessageBytes(int bytes) {
        return new TopicSpec<>(
                name, family, valueType, key, value, cleanupPolicy, retention, writtenBy, readBy, partitions, bytes);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Serde<V> valueSerde(String registryUrl) {
        return RegistrySerdes.valueSerde(registryUrl);
    }

    public Serde<V> valueSerde(RegistryAccess registry) {
        return RegistrySerdes.valueSerde(registry);
    }

    /**
     * The topic as an app creates it under {@code actualName} (its setting may rename it), laid out by the app's
     * settings; {@code retentionSetting}, when not null, is the app's own setting of this topic's retention.
     */
    public NewTopic newTopic(String actualName, TopicLayout layout, Duration retentionSetting) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        Duration keep = retentionSetting != null ? retentionSetting : retention;
        if (keep != null) {
            configs.put("retention.ms", Long.toString(keep.toMillis()));
        }
        if (maxMessageBytes > 0) {
            configs.put("max.message.bytes", Integer.toString(maxMessageBytes));
        }
        configs.putAll(layout.topicConfigs());
        int count = partitions > 0 ? partitions : layout.partitions();
        return new NewTopic(actualName, Optional.of(count), layout.replicas()).configs(configs);
    }

    /** The topic under its default name, laid out by the app's settings. */
    public NewTopic newTopic(TopicLayout layout) {
        return newTopic(name, layout, null);
    }

    /** The name as the README shows it: a family with its placeholder. */
    public String shownName() {
        return family ? name + "AREA" : name;
    }
}
