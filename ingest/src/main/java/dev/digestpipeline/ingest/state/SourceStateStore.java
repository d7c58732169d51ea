package dev.digestpipeline.ingest.state;

import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.schemas.PollState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * The poller's memory, in Kafka: one {@link PollState} per source in the compacted topic
 * {@code digest.sources.state}, keyed by the source id. {@link #load()} reads the topic whole at start, so a
 * restarted poller knows every source's validators and when it is due; {@link #save} waits for the broker's ack.
 */
public final class SourceStateStore implements SourceStates, AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final Serde<PollState> serde;
    private final KafkaProducer<String, PollState> producer;

    /** @param kafka the app's {@code kafka.*} client settings, applied after the store's own */
    public SourceStateStore(
            String bootstrapServers,
            RegistryAccess registry,
            String topic,
            TopicLayout layout,
            Map<String, String> kafka) {
        this.topic = topic;
        this.clientProperties = clientProperties(bootstrapServers, kafka);
        this.serde = Topics.SOURCES_STATE.valueSerde(registry);
        Properties producerProps = new Properties();
        producerProps.putAll(clientProperties);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(
                producerProps, Topics.SOURCES_STATE.keySerde().serializer(), serde.serializer());
        TopicAdmin.ensure(bootstrapServers, kafka, List.of(Topics.SOURCES_STATE.newTopic(topic, layout, null)));
    }

    private static Map<String, Object> clientProperties(String bootstrapServers, Map<String, String> kafka) {
        Map<String, Object> props = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        props.putAll(kafka);
        return props;
    }

    @Override
    public Map<String, SourceState> load() {
        return read(topic, clientProperties, serde);
    }

    /**
     * Every source's state, read without a store: no producer, no topic created (a topic that does not exist yet
     * holds no state). For those that only look, as './digest status' does.
     */
    public static Map<String, SourceState> read(
            String bootstrapServers, RegistryAccess registry, String topic, Map<String, String> kafka) {
        try (Serde<PollState> serde = Topics.SOURCES_STATE.valueSerde(registry)) {
            return read(topic, clientProperties(bootstrapServers, kafka), serde);
        }
    }

    private static Map<String, SourceState> read(
            String topic, Map<String, Object> clientProperties, Serde<PollState> serde) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, SourceState> states = new HashMap<>();
        try (KafkaConsumer<String, PollState> consumer =
                new KafkaConsumer<>(props, Topics.SOURCES_STATE.keySerde().deserializer(), serde.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, PollState> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        states.remove(record.key());
                    } else {
                        states.put(record.key(), PollStates.toState(record.value()));
                    }
                }
            }
        }
        return states;
    }

    /** Saves a source's state and returns once the broker acknowledged it. */
    @Override
    public void save(String sourceId, SourceState state) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, sourceId, PollStates.toRecord(sourceId, state)))
                    .get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not save the state of " + sourceId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
        serde.close();
    }
}
