package dev.digestpipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The indexer's dead-letter paths, which need no Elasticsearch: the real-server paths are in demo's PipelineIT. */
class DigestIndexerTest {
    private static final SinkConfig CONFIG = SinkConfig.of(Map.of());
    private static final TopicPartition PAPERS = new TopicPartition(CONFIG.papersTopic(), 0);
    private static final TopicPartition TRENDS = new TopicPartition(CONFIG.trendsTopic(), 0);
    private static final byte[] POISON = "not an Avro paper".getBytes(StandardCharsets.UTF_8);

    private static <T> Deserializer<T> unreadable() {
        return (topic, data) -> {
            throw new SerializationException("magic byte 0x6e is not 0");
        };
    }

    private final CommitRecordingConsumer consumer = new CommitRecordingConsumer();
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = consumer.commits;
    private final MockProducer<String, DeadLetter> deadLetters =
            new MockProducer<>(true, null, new StringSerializer(), (topic, letter) -> new byte[0]);
    private final DigestIndexer indexer = new DigestIndexer(
            consumer,
            unreadable(),
            unreadable(),
            null,
            deadLetters,
            CONFIG,
            Clock.fixed(Instant.parse("2025-08-20T10:00:00Z"), ZoneOffset.UTC));

    private void deliverPoisonAtOffset7(TopicPartition partition) {
        consumer.updateBeginningOffsets(Map.of(partition, 7L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(partition));
            consumer.addRecord(
                    new ConsumerRecord<>(partition.topic(), 0, 7, "p-1".getBytes(StandardCharsets.UTF_8), POISON));
        });
        consumer.schedulePollTask(indexer::stop);
    }

    @Test
    void unreadablePaperIsDeadLetteredWithItsBytesAndItsOffsetIsCommitted() {
        deliverPoisonAtOffset7(PAPERS);
        indexer.run();
        assertEquals(1, deadLetters.history().size());
        DeadLetter letter = deadLetters.history().get(0).value();
        assertEquals(
                List.of(
                        "p-1",
                        CONFIG.deadLetterTopic(),
                        "sink-deserialize",
                        "value is not a Paper the registry knows: magic byte 0x6e is not 0",
                        CONFIG.papersTopic(),
                        0,
                        7L),
                List.of(
                        deadLetters.history().get(0).key(),
                        deadLetters.history().get(0).topic(),
                        letter.getStage(),
                        letter.getReason(),
                        letter.getSourceTopic(),
                        letter.getSourcePartition(),
                        letter.getSourceOffset()));
        assertEquals(ByteBuffer.wrap(POISON), letter.getOriginalValue());
        assertEquals(List.of(Map.of(PAPERS, new OffsetAndMetadata(8))), commits);
        assertEquals(1, indexer.deadLettered());
        assertEquals(false, indexer.failure().isPresent());
    }

    @Test
    void deadLetterThatCannotBeWrittenStopsTheIndexerWithTheCauseAndCommitsNothing() {
        deadLetters.sendException = new TimeoutException("broker unreachable");
        deliverPoisonAtOffset7(PAPERS);
        indexer.run(); // returns: SinkApp then exits with status 1 so that a supervisor restarts it
        assertEquals("broker unreachable", indexer.failure().orElseThrow().getMessage());
        assertEquals(List.of(), commits);
    }

    @Test
    void unreadableTrendIsDeadLetteredWithTheTypeItIsNot() {
        deliverPoisonAtOffset7(TRENDS);
        indexer.run();
        DeadLetter letter = deadLetters.history().get(0).value();
        assertEquals(
                List.of("value is not a TagTrend the registry knows: magic byte 0x6e is not 0", CONFIG.trendsTopic()),
                List.of(letter.getReason(), letter.getSourceTopic()));
        assertEquals(List.of(Map.of(TRENDS, new OffsetAndMetadata(8))), commits);
    }

    @Test
    void aBatchReadWhileTheRegistryIsDownIsReadAgainNeitherDeadLetteredNorCommitted() {
        DigestIndexer waiting = new DigestIndexer(
                consumer,
                (topic, data) -> {
                    throw new RuntimeException(new java.util.concurrent.ExecutionException(
                            new java.net.ConnectException("Connection refused: /127.0.0.1:8081")));
                },
                unreadable(),
                null,
                deadLetters,
                CONFIG,
                Clock.fixed(Instant.parse("2025-08-20T10:00:00Z"), ZoneOffset.UTC));
        consumer.updateBeginningOffsets(Map.of(PAPERS, 7L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PAPERS));
            consumer.addRecord(
                    new ConsumerRecord<>(PAPERS.topic(), 0, 7, "p-1".getBytes(StandardCharsets.UTF_8), POISON));
        });
        List<Long> positionAtNextPoll = new ArrayList<>();
        consumer.schedulePollTask(() -> {
            positionAtNextPoll.add(consumer.position(PAPERS));
            waiting.stop();
        });
        waiting.run();
        assertEquals(List.of(), deadLetters.history());
        assertEquals(List.of(), commits);
        assertEquals(List.of(7L), positionAtNextPoll);
    }
}
