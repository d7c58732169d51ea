package dev.digestpipeline.ops.kafka;

import dev.digestpipeline.common.registry.RegistrySerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Reads topics as a downstream consumer does (read_committed, values decoded through the registry), without a
 * consumer group: partitions are assigned, so reading commits nothing and joins no group. Not thread-safe (one
 * consumer underneath).
 */
public final class TopicRecords implements AutoCloseable {
    private final String registryUrl;
    private final KafkaConsumer<byte[], byte[]> reader;

    public TopicRecords(String bootstrapServers, String registryUrl) {
        this.registryUrl = registryUrl;
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // an offset below the log start
        this.reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every record of a topic from the beginning to its current end; a value that is not a readable T is left out. */
    public <T extends SpecificRecord> List<ConsumerRecord<String, T>> all(String topic) {
        return decoded(topic, reader.beginningOffsets(partitions(topic)));
    }

    /**
     * The records of the topic after the positions (from the beginning for a partition with none), up to its current
     * end; the positions move to that end. Nothing for a topic that does not exist.
     */
    public <T extends SpecificRecord> List<ConsumerRecord<String, T>> since(
            String topic, Map<TopicPartition, Long> positions) {
        List<TopicPartition> partitions = partitions(topic);
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Long> begin = reader.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions);
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition p : partitions) {
            long at = Math.max(begin.get(p), positions.getOrDefault(p, 0L));
            if (at < end.get(p)) {
                from.put(p, at);
            }
        }
        List<ConsumerRecord<String, T>> records = decoded(topic, from);
        positions.putAll(end);
        return records;
    }

    /** Records waiting after a group's offsets: how many, and when the oldest of them was written (null: none). */
    public record Backlog(long records, Instant oldest) {}

    /**
     * The committed records from each offset up to the partition's stable end, counted: unlike an offset
     * difference, transaction markers and aborted records do not count.
     */
    public Backlog backlog(Map<TopicPartition, Long> from) {
        long[] count = {0};
        Instant[] oldest = {null};
        readCommitted(from, r -> {
            count[0]++;
            Instant at = Instant.ofEpochMilli(r.timestamp());
            if (oldest[0] == null || at.isBefore(oldest[0])) {
                oldest[0] = at;
            }
        });
        return new Backlog(count[0], oldest[0]);
    }

    /** The timestamp of the first record at or after each offset, for the partitions that have one now. */
    public Map<TopicPartition, Instant> timestampsAt(Map<TopicPartition, Long> offsets, Duration wait) {
        Map<TopicPartition, Instant> found = new HashMap<>();
        if (offsets.isEmpty()) {
            return found;
        }
        reader.assign(offsets.keySet());
        offsets.forEach(reader::seek);
        Instant deadline = Instant.now().plus(wait);
        while (found.size() < offsets.size() && Instant.now().isBefore(deadline)) {
            reader.poll(Duration.ofMillis(100)).forEach(r -> {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                found.putIfAbsent(p, Instant.ofEpochMilli(r.timestamp()));
                reader.pause(List.of(p));
            });
        }
        reader.resume(reader.paused());
        return found;
    }

    /** Reads read_committed from each partition's offset up to its last stable offset, handing on each record. */
    public void readCommitted(Map<TopicPartition, Long> from, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        if (from.isEmpty()) {
            return;
        }
        reader.assign(from.keySet());
        from.forEach(reader::seek);
        Map<TopicPartition, Long> ends = reader.endOffsets(from.keySet());
        Instant deadline = Instant.now().plusSeconds(30);
        // the position moves past commit markers and aborted records too, so this ends at the stable offset
        while (from.keySet().stream().anyMatch(p -> reader.position(p) < ends.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + from.keySet() + " up to " + ends + " within 30 s");
            }
            reader.poll(Duration.ofMillis(200)).forEach(each);
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return reader.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private <T extends SpecificRecord> List<ConsumerRecord<String, T>> decoded(
            String topic, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (Serde<T> serde = RegistrySerdes.valueSerde(registryUrl)) {
            var values = serde.deserializer();
            readCommitted(from, r -> {
                T value;
                try {
                    value = values.deserialize(topic, r.headers(), r.value());
                } catch (RuntimeException e) {
                    return;
                }
                String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                records.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), key, value));
            });
        }
        return records;
    }

    @Override
    public void close() {
        reader.close();
    }
}
