package dev.digestpipeline.cli.tail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.digestpipeline.common.registry.RegistrySerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Reads a topic as a person watching it: every partition assigned (no consumer group, nothing committed),
 * read_committed, each record decoded through the registry (whatever Avro type the schema it names is) and
 * written as one JSON line ({@link RecordJson}). A record the registry cannot decode is still shown, with the reason
 * and its bytes.
 */
public final class TopicTail implements AutoCloseable {
    /** What to read: where from, how many, which. {@code max} 0 means no limit. */
    public record Options(boolean fromBeginning, int max, String key, String grep, boolean stopAtEnd) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Serde<SpecificRecord> values;
    private final String bootstrapServers;

    public TopicTail(String bootstrapServers, String registryUrl) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values = RegistrySerdes.valueSerde(registryUrl);
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Prints the topic's records that match, until {@code max} are printed, the end is reached (with
     * {@code stopAtEnd}: the end as it was when reading started), or {@code stop} says so. Returns how many printed.
     *
     * @throws IllegalArgumentException when the broker has no such topic; the message lists the topics it has
     */
    public int read(String topic, Options options, Consumer<String> out, BooleanSupplier stop) {
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        if (options.fromBeginning()) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        Deserializer<SpecificRecord> deserializer = values.deserializer();
        String grep = options.grep() == null ? null : options.grep().toLowerCase(Locale.ROOT);
        int printed = 0;
        while (!stop.getAsBoolean()) {
            if (options.stopAtEnd() && reachedEnd(end)) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
                String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
                if (options.key() != null && !options.key().equals(key)) {
                    continue;
                }
                String line = line(raw, key, deserializer);
                if (grep != null && !line.toLowerCase(Locale.ROOT).contains(grep)) {
                    continue;
                }
                out.accept(line);
                printed++;
                if (options.max() > 0 && printed >= options.max()) {
                    return printed;
                }
            }
        }
        return printed;
    }

    private boolean reachedEnd(Map<TopicPartition, Long> end) {
        // a transaction marker or an aborted record can sit at the end: positions, not records seen, tell
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String line(
            ConsumerRecord<byte[], byte[]> raw, String key, Deserializer<SpecificRecord> deserializer) {
        Object value;
        String undecodable = null;
        try {
            value = raw.value() == null ? null : deserializer.deserialize(raw.topic(), raw.headers(), raw.value());
        } catch (RuntimeException e) {
            value = null;
            undecodable = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        ConsumerRecord<String, Object> decoded = new ConsumerRecord<>(
                raw.topic(),
                raw.partition(),
                raw.offset(),
                raw.timestamp(),
                raw.timestampType(),
                raw.serializedKeySize(),
                raw.serializedValueSize(),
                key,
                value,
                raw.headers(),
                raw.leaderEpoch());
        ObjectNode line = RecordJson.node(decoded);
        if (undecodable != null) {
            line.put("undecodable", undecodable);
            line.put("valueBase64", Base64.getEncoder().encodeToString(raw.value()));
        }
        return RecordJson.text(line);
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.listTopics().get(topic);
        if (infos == null || infos.isEmpty()) {
            Set<String> known = new TreeSet<>();
            consumer.listTopics().keySet().stream()
                    .filter(t -> t.startsWith("digest."))
                    .forEach(known::add);
            throw new IllegalArgumentException("no topic '" + topic + "' on " + bootstrapServers
                    + (known.isEmpty()
                            ? " (no digest topics yet: is the pipeline up?)"
                            : "; digest topics there: " + String.join(", ", known)));
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        return partitions;
    }

    @Override
    public void close() {
        consumer.close();
        values.close();
    }
}
