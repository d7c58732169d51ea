package dev.digestpipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.TagTrend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each answer Elasticsearch can give a bulk request, from a fake writer, and what the sink does with it. */
class DigestIndexerBulkTest {
    private static final SinkConfig CONFIG = SinkConfig.of(Map.of());
    private static final TopicPartition P0 = new TopicPartition(CONFIG.trendsTopic(), 0);
    private static final TopicPartition P1 = new TopicPartition(CONFIG.trendsTopic(), 1);
    private static final BulkWriter.ItemResult OK = new BulkWriter.ItemResult(201, null, null);

    /** Answers one bulk request: the items, or by throwing. */
    @FunctionalInterface
    private interface Answer {
        List<BulkWriter.ItemResult> to(List<BulkWriter.Operation> operations)
                throws BulkWriter.RequestRejected, IOException;
    }

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<List<String>> requests = new ArrayList<>();
    private final List<BulkWriter.Operation> operations = new ArrayList<>();
    private final List<Set<TopicPartition>> pausedAtRequest = new ArrayList<>();
    private final CommitRecordingConsumer consumer = new CommitRecordingConsumer();
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = consumer.commits;
    private final MockProducer<String, DeadLetter> deadLetters =
            new MockProducer<>(true, null, new StringSerializer(), (topic, letter) -> new byte[0]);
    private final DigestIndexer indexer = new DigestIndexer(
            consumer,
            (topic, data) -> {
                throw new IllegalStateException("no papers here");
            },
            (topic, data) -> TagTrend.newBuilder()
                    .setTag(new String(data, StandardCharsets.UTF_8))
                    .setGranularity("day")
                    .setWindowStart(Instant.parse("2026-11-27T00:00:00Z"))
                    .setWindowEnd(Instant.parse("2026-11-28T00:00:00Z"))
                    .setDistinctPapers(1)
                    .setFinal$(false)
                    .build(),
            operations -> {
                requests.add(operations.stream().map(BulkWriter.Operation::id).toList());
                this.operations.addAll(operations);
                pausedAtRequest.add(Set.copyOf(consumer.paused()));
                Answer next =
                        answers.isEmpty() ? ops -> ops.stream().map(o -> OK).toList() : answers.poll();
                return next.to(operations);
            },
            deadLetters,
            CONFIG,
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

    {
        // one batch per test: once it is committed, the indexer has done all it will
        consumer.afterCommit(indexer::stop);
    }

    /** The trend windows of these tags arrive on the partition, from offset 0. */
    private void deliver(TopicPartition partition, String... tags) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            for (int i = 0; i < tags.length; i++) {
                consumer.addRecord(new ConsumerRecord<>(
                        partition.topic(),
                        partition.partition(),
                        i,
                        tags[i].getBytes(StandardCharsets.UTF_8),
                        tags[i].getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    private static String id(String tag) {
        return tag + "|day|2026-11-27T00:00:00Z";
    }

    private static Answer rejected(int status) {
        return ops -> {
            throw new BulkWriter.RequestRejected(status, "answer " + status);
        };
    }

    private Map<TopicPartition, OffsetAndMetadata> committedUpTo(TopicPartition partition, long next) {
        return Map.of(partition, new OffsetAndMetadata(next));
    }

    @Test
    void a429IsRetriedWithThePartitionsPausedThenTheBatchIsCommitted() {
        answers.add(rejected(429));
        deliver(P0, "robotics", "language", "vision");
        indexer.run();
        assertEquals(2, requests.size());
        assertEquals(Set.of(P0, P1), pausedAtRequest.get(1));
        assertEquals(3, indexer.trendsIndexed());
        assertEquals(List.of(committedUpTo(P0, 3)), commits);
    }

    @Test
    void aDocumentAnswered503IsRetriedAlone() {
        answers.add(ops -> List.of(OK, new BulkWriter.ItemResult(503, "unavailable_shards_exception", "busy"), OK));
        deliver(P0, "robotics", "language", "vision");
        indexer.run();
        assertEquals(List.of(id("language")), requests.get(1));
        assertEquals(List.of(committedUpTo(P0, 3)), commits);
    }

    @Test
    void aDocumentElasticsearchRefusesIsADeadLetterAndTheBatchIsCommitted() {
        answers.add(
                ops -> List.of(OK, new BulkWriter.ItemResult(400, "mapper_parsing_exception", "failed to parse"), OK));
        deliver(P0, "robotics", "language", "vision");
        indexer.run();
        assertEquals(1, deadLetters.history().size());
        assertEquals(
                "Elasticsearch refused the document: mapper_parsing_exception: failed to parse",
                deadLetters.history().get(0).value().getReason());
        assertEquals(List.of(committedUpTo(P0, 3)), commits);
    }

    @Test
    void a401StopsTheSinkWithAClearMessageWithoutCommittingOrDeadLettering() {
        answers.add(rejected(401));
        deliver(P0, "robotics");
        indexer.run();
        assertTrue(
                indexer.failure()
                        .orElseThrow()
                        .getMessage()
                        .startsWith(
                                "Elasticsearch refused the sink (HTTP 401: answer 401): check the Elasticsearch URL and credentials"));
        assertEquals(List.of(), commits);
        assertEquals(List.of(), deadLetters.history());
        assertEquals(1, requests.size());
    }

    @Test
    void a413SplitsTheRequestUntilItFits() {
        for (int i = 0; i < 3; i++) {
            answers.add(ops -> {
                if (ops.size() > 1) {
                    throw new BulkWriter.RequestRejected(413, "request entity too large");
                }
                return List.of(OK);
            });
        }
        deliver(P0, "robotics", "language", "vision");
        indexer.run();
        assertEquals(
                List.of(3, 1, 2), requests.stream().map(List::size).toList().subList(0, 3));
        assertEquals(3, indexer.trendsIndexed());
        assertEquals(List.of(committedUpTo(P0, 3)), commits);
    }

    @Test
    void aVersionConflictIsAStaleWriteNotADeadLetter() {
        answers.add(ops ->
                List.of(new BulkWriter.ItemResult(409, "version_conflict_engine_exception", "newer version held"), OK));
        deliver(P0, "robotics", "language");
        indexer.run();
        assertEquals(1, indexer.staleSkipped());
        assertEquals(List.of(), deadLetters.history());
        assertEquals(List.of(committedUpTo(P0, 2)), commits);
    }

    private void deliverRoboticsOnP0AndLanguageOnP1() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, 0, bytes("robotics"), bytes("robotics")));
            consumer.addRecord(new ConsumerRecord<>(P1.topic(), 1, 0, bytes("language"), bytes("language")));
        });
    }

    @Test
    void documentsOfAPartitionRevokedDuringTheWaitAreDroppedAndOnlyTheRestCommitted() {
        answers.add(ops -> {
            // while the sink waits for Elasticsearch, the group gives partition 0 to another member
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
            throw new BulkWriter.RequestRejected(503, "no master");
        });
        deliverRoboticsOnP0AndLanguageOnP1();
        indexer.run();
        assertEquals(List.of(id("language")), requests.get(1));
        assertEquals(List.of(committedUpTo(P1, 1)), commits);
    }

    @Test
    void aPartitionRevokedAndAssignedBackDuringTheWaitIsNotCommittedButReadAgain() {
        answers.add(ops -> {
            // while the sink waits, partition 0 goes to another member and comes back before the batch ends
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
            throw new BulkWriter.RequestRejected(503, "no master");
        });
        deliverRoboticsOnP0AndLanguageOnP1();
        indexer.run();
        assertEquals(List.of(id("language")), requests.get(1));
        // robotics was never indexed: committing partition 0 up to 1 would lose it
        assertEquals(List.of(committedUpTo(P1, 1)), commits);
    }

    @Test
    void aWriteBlockOnADocumentIsWaitedOutNotDeadLettered() {
        answers.add(ops -> List.of(
                OK,
                new BulkWriter.ItemResult(
                        403,
                        "cluster_block_exception",
                        "index [digest-papers-v1] blocked by: [FORBIDDEN/8/index write (api)];")));
        deliver(P0, "robotics", "language");
        indexer.run();
        assertEquals(List.of(id("language")), requests.get(1));
        assertEquals(List.of(), deadLetters.history());
        assertEquals(List.of(committedUpTo(P0, 2)), commits);
    }

    @Test
    void aWriteBlockOnTheWholeRequestIsWaitedOutNotFatal() {
        answers.add(ops -> {
            throw new BulkWriter.RequestRejected(
                    403, "cluster_block_exception: blocked by: [FORBIDDEN/12/index read-only / allow delete (api)]");
        });
        deliver(P0, "robotics");
        indexer.run();
        assertEquals(2, requests.size());
        assertEquals(1, indexer.trendsIndexed());
        assertEquals(List.of(committedUpTo(P0, 1)), commits);
    }

    @Test
    void documentsAreSentInRequestsOfAtMostBulkMaxBytes() {
        List<Indexable> docs = new ArrayList<>();
        for (String tag : List.of("a", "b", "c")) {
            docs.add(new Indexable(null, "trends", tag, "x".repeat(600), 1));
        }
        // each document is 602 bytes of JSON: two do not fit in 1,024
        assertEquals(
                List.of(1, 1, 1),
                BulkRequests.chunks(docs, 1024).stream().map(List::size).toList());
        assertEquals(
                List.of(3),
                BulkRequests.chunks(docs, 2048).stream().map(List::size).toList());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final TopicPartition PAPERS = new TopicPartition(CONFIG.papersTopic(), 0);

    /** A tombstone of digest.papers for the key, with a revision header when {@code revision} is not null. */
    private void deliverTombstone(String key, String revision) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PAPERS));
            consumer.updateBeginningOffsets(Map.of(PAPERS, 0L));
            ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>(
                    PAPERS.topic(), PAPERS.partition(), 0, key.getBytes(StandardCharsets.UTF_8), null);
            if (revision != null) {
                tombstone.headers().add(Topics.REVISION_HEADER, revision.getBytes(StandardCharsets.UTF_8));
            }
            consumer.addRecord(tombstone);
        });
    }

    @Test
    void aRetiredPapersTombstoneDeletesItsDocumentAtTheRevisionItCarries() {
        deliverTombstone("title:0123456789abcdef", "2");
        indexer.run();
        assertEquals(List.of(new BulkWriter.Operation(CONFIG.alias(), "title:0123456789abcdef", null, 2)), operations);
        assertEquals(List.of(committedUpTo(PAPERS, 1)), commits);
    }

    @Test
    void anOlderRevisionReadAfterANewerOneInTheSameBatchIsStaleAndNotSent() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PAPERS));
            consumer.updateBeginningOffsets(Map.of(PAPERS, 0L));
            List<String> revisions = List.of("3", "2");
            for (int offset = 0; offset < revisions.size(); offset++) {
                ConsumerRecord<byte[], byte[]> tombstone =
                        new ConsumerRecord<>(PAPERS.topic(), PAPERS.partition(), offset, bytes("title:0123"), null);
                tombstone.headers().add(Topics.REVISION_HEADER, bytes(revisions.get(offset)));
                consumer.addRecord(tombstone);
            }
        });
        indexer.run();
        assertEquals(List.of(new BulkWriter.Operation(CONFIG.alias(), "title:0123", null, 3)), operations);
        assertEquals(1, indexer.staleSkipped());
        assertEquals(List.of(committedUpTo(PAPERS, 2)), commits);
    }

    @Test
    void deletingADocumentAlreadyGoneIsDoneNotADeadLetter() {
        answers.add(ops -> List.of(new BulkWriter.ItemResult(404, null, null)));
        deliverTombstone("title:0123456789abcdef", "2");
        indexer.run();
        assertEquals(0, deadLetters.history().size());
        assertEquals(List.of(committedUpTo(PAPERS, 1)), commits);
    }

    @Test
    void aTombstoneWithoutARevisionIsNotEnrichsAndChangesNothing() {
        deliverTombstone("title:0123456789abcdef", null);
        indexer.run();
        assertEquals(List.of(), operations);
        assertEquals(List.of(committedUpTo(PAPERS, 1)), commits);
    }
}
