package dev.digestpipeline.common.kafka;

import static dev.digestpipeline.common.settings.CommonSettings.MIN_INSYNC_REPLICAS;
import static dev.digestpipeline.common.settings.CommonSettings.PARTITIONS;
import static dev.digestpipeline.common.settings.CommonSettings.REPLICATION_FACTOR;

import dev.digestpipeline.common.settings.AppSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How an app creates the topics it uses, from the common settings: partitions (where the catalog does not fix them),
 * replicas and min.insync.replicas, each -1 for the broker's default. The defaults keep what a cluster offers: its
 * brokers' own replication; a single local broker is the special case, whose default is 1.
 */
public record TopicLayout(int partitions, short replicationFactor, int minInsyncReplicas) {
    /** What the settings' defaults give. */
    public static final TopicLayout DEFAULTS = new TopicLayout(
            Integer.parseInt(PARTITIONS.defaultValue()),
            Short.parseShort(REPLICATION_FACTOR.defaultValue()),
            Integer.parseInt(MIN_INSYNC_REPLICAS.defaultValue()));

    public TopicLayout {
        if (replicationFactor > 0 && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(MIN_INSYNC_REPLICAS.name() + " (" + minInsyncReplicas
                    + ") cannot exceed " + REPLICATION_FACTOR.name() + " (" + replicationFactor + ")");
        }
    }

    public static TopicLayout from(AppSettings settings) {
        return new TopicLayout((int) settings.integer(PARTITIONS), (short) settings.integer(REPLICATION_FACTOR), (int)
                settings.integer(MIN_INSYNC_REPLICAS));
    }

    /** The replicas to ask for: empty for the broker's default. */
    public Optional<Short> replicas() {
        return replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
    }

    /** The topic configs the layout sets (min.insync.replicas, unless the broker's default). */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        if (minInsyncReplicas > 0) {
            configs.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        }
        return configs;
    }
}
