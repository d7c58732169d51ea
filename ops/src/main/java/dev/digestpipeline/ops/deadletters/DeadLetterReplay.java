package dev.digestpipeline.ops.deadletters;

import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.ops.kafka.TopicRecords;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.ReplayedLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Puts dead letters back: their original key and bytes are published again to the topic they were read from, so
 * the stage that failed reads them again (after the fix, or once the outage is over). Each replayed letter's id goes
 * to the compacted digest.dlq.replayed in the same Kafka transaction as its bytes: a letter is replayed once, even
 * when the command is interrupted and run again. A letter that fails again becomes a new letter with a new id.
 */
public final class DeadLetterReplay {
    /** One transactional id: a second replay running at once fences the first instead of interleaving with it. */
    public static final String TRANSACTIONAL_ID = "digest-dlq-replay";

    /** What a replay would do with the letters that match its filter. */
    public record Plan(
            List<ConsumerRecord<String, DeadLetter>> replay,
            List<String> alreadyReplayed,
            List<String> notReplayable) {}

    private DeadLetterReplay() {}

    /**
     * The letters of the stage (null: any) that failed at or after the instant (null: any time), split into those
     * to replay, those replayed before, and those that cannot be (no source topic, or no original bytes).
     */
    public static Plan plan(
            List<ConsumerRecord<String, DeadLetter>> letters, Set<String> replayed, String stage, Instant since) {
        List<ConsumerRecord<String, DeadLetter>> replay = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (ConsumerRecord<String, DeadLetter> record : letters) {
            DeadLetter letter = record.value();
            if (!DeadLetterLines.matches(letter, stage, since)) {
                continue;
            }
            String id = DeadLetterLines.id(record);
            if (replayed.contains(id)) {
                already.add(id);
            } else if (letter.getSourceTopic() == null) {
                not.add(id + ": it was not read from a topic (stage " + letter.getStage() + ")");
            } else if (letter.getOriginalValue() == null) {
                not.add(id + ": it kept no original bytes");
            } else {
                replay.add(record);
            }
        }
        return new Plan(replay, already, not);
    }

    /** Every letter of both dead-letter topics, pages' first. */
    public static List<ConsumerRecord<String, DeadLetter>> letters(TopicRecords records) {
        List<ConsumerRecord<String, DeadLetter>> letters = new ArrayList<>(records.all(Topics.PAGES_DLQ.name()));
        letters.addAll(records.all(Topics.PAPERS_DLQ.name()));
        return letters;
    }

    /** The ids of the letters replayed so far, read from digest.dlq.replayed (created when missing). */
    public static Set<String> replayed(TopicRecords records, String bootstrapServers) {
        TopicAdmin.ensure(bootstrapServers, Map.of(), List.of(Topics.DLQ_REPLAYED.newTopic(TopicLayout.DEFAULTS)));
        Set<String> ids = new java.util.TreeSet<>();
        records.<ReplayedLetter>all(Topics.DLQ_REPLAYED.name()).forEach(r -> ids.add(r.key()));
        return ids;
    }

    /** Publishes each letter's bytes and its mark in one transaction; gives the ids replayed. */
    public static List<String> replay(
            List<ConsumerRecord<String, DeadLetter>> letters, String bootstrapServers, String registryUrl) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        List<String> ids = new ArrayList<>();
        try (Serde<ReplayedLetter> marks = Topics.DLQ_REPLAYED.valueSerde(registryUrl);
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            Instant now = Instant.now();
            for (ConsumerRecord<String, DeadLetter> record : letters) {
                DeadLetter letter = record.value();
                String id = DeadLetterLines.id(record);
                send(
                        producer,
                        new ProducerRecord<>(
                                letter.getSourceTopic(),
                                bytes(letter.getOriginalKey()),
                                bytes(letter.getOriginalValue())));
                ReplayedLetter mark = ReplayedLetter.newBuilder()
                        .setLetterId(id)
                        .setTopic(letter.getSourceTopic())
                        .setStage(letter.getStage())
                        .setReplayedAt(now)
                        .build();
                String marksTopic = Topics.DLQ_REPLAYED.name();
                send(
                        producer,
                        new ProducerRecord<>(
                                marksTopic,
                                id.getBytes(StandardCharsets.UTF_8),
                                marks.serializer().serialize(marksTopic, mark)));
                ids.add(id);
            }
            producer.commitTransaction();
        }
        return ids;
    }

    /** A failed send fails the commit of the transaction, so its future is not needed. */
    private static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        Future<RecordMetadata> unused = producer.send(record);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
