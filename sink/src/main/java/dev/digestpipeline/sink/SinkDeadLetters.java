package dev.digestpipeline.sink;

import dev.digestpipeline.common.kafka.DeadLetters;
import dev.digestpipeline.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a record the sink cannot index to the papers dead-letter topic, with the stage, the reason and its bytes. */
final class SinkDeadLetters {
    private static final Logger log = LoggerFactory.getLogger(SinkDeadLetters.class);

    private final Producer<String, DeadLetter> producer;
    private final String topic;
    private final SinkCounts counts;
    private final Clock clock;

    SinkDeadLetters(Producer<String, DeadLetter> producer, String topic, SinkCounts counts, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.counts = counts;
        this.clock = clock;
    }

    /** The send: the batch is committed only once every letter it sent was acknowledged. */
    Future<?> send(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        counts.deadLettered.increment();
        String key = record.key() == null ? "(no key)" : new String(record.key(), StandardCharsets.UTF_8);
        log.warn("record {} of {} dead-lettered ({}): {}", key, record.topic(), stage, reason);
        DeadLetter letter = DeadLetters.of(
                stage,
                reason,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                clock.instant());
        return producer.send(new ProducerRecord<>(topic, key, letter));
    }
}
