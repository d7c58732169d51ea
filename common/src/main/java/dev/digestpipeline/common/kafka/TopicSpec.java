package dev.digestpipeline.common.kafka;

import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.common.registry.RegistrySerdes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param retention how long records are kept, or null for the broker's default
 * @param partitions the partitions the topic is created with, or 0 for the creating app's {@code partitions}
 *     setting
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
        int partitions) {

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
        this(name, family, valueType, key, value, cleanupPolicy, retention, writtenBy, readBy, 0);
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

    /** The topic as an app creates it under {@code actualName} (its setting may rename it). */
    public NewTopic newTopic(
            String actualName, int partitions, short replication, Duration retentionSetting, Map<String, String> more) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        Duration keep = retentionSetting != null ? retentionSetting : retention;
        if (keep != null) {
            configs.put("retention.ms", Long.toString(keep.toMillis()));
        }
        configs.putAll(more);
        return new NewTopic(actualName, partitions, replication).configs(configs);
    }

    /** The name as the README shows it: a family with its placeholder. */
    public String shownName() {
        return family ? name + "AREA" : name;
    }
}
