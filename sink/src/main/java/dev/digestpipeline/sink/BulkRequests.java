package dev.digestpipeline.sink;

import dev.digestpipeline.common.kafka.DeadLetterStage;
import dev.digestpipeline.common.retry.Backoff;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each answer of Elasticsearch to a bulk request means (as kafka-connect-elasticsearch's RetryUtil and its
 * bulk processor): a request too large (413) is split in halves down to one document, which is a dead letter; per
 * document, a version conflict is a stale write skipped, 429, 5xx or a write block (403 cluster_block_exception) a
 * retry, any other refusal a dead letter.
 * Waiting between retries is the indexer's, with {@link #BACKOFF}.
 */
final class BulkRequests {
    private static final Logger log = LoggerFactory.getLogger(BulkRequests.class);
    private static final String VERSION_CONFLICT = "version_conflict_engine_exception";
    /** A write block (maintenance, or the disk's flood stage): lifted by an operator, so waited out. */
    private static final String CLUSTER_BLOCK = "cluster_block_exception";

    /** Between tries of a request or its documents: 500 ms doubling to 30 s, ±20 % so that sinks drift apart. */
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2);

    private final BulkWriter writer;
    private final SinkDeadLetters deadLetters;
    private final SinkCounts counts;
    private final String papersAlias;
    private final Clock clock;

    BulkRequests(BulkWriter writer, SinkDeadLetters deadLetters, SinkCounts counts, String papersAlias, Clock clock) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.counts = counts;
        this.papersAlias = papersAlias;
        this.clock = clock;
    }

    /** The documents in consecutive requests of at most maxBytes of JSON each (one document at least). */
    static List<List<Indexable>> chunks(List<Indexable> docs, long maxBytes) {
        List<List<Indexable>> chunks = new ArrayList<>();
        List<Indexable> current = new ArrayList<>();
        long bytes = 0;
        for (Indexable doc : docs) {
            if (!current.isEmpty() && bytes + doc.bytes() > maxBytes) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(doc);
            bytes += doc.bytes();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * A refusal of a whole request that no retry will change, as the error to stop the sink with (nothing is
     * committed, so a restart with the cause fixed indexes the batch); empty when it is worth waiting out (429,
     * 5xx, a write block).
     */
    static Optional<IllegalStateException> fatal(BulkWriter.RequestRejected e, int documents) {
        if (e.status() == 403 && e.getMessage().contains(CLUSTER_BLOCK)) {
            return Optional.empty();
        }
        if (e.status() == 401 || e.status() == 403) {
            return Optional.of(new IllegalStateException(
                    "Elasticsearch refused the sink (" + e.getMessage()
                            + "): check the Elasticsearch URL and credentials; nothing was committed, so a "
                            + "restart with the right ones indexes this batch",
                    e));
        }
        if (e.status() != 429 && e.status() < 500) {
            return Optional.of(new IllegalStateException(
                    "Elasticsearch refused a bulk request of " + documents + " documents (" + e.getMessage()
                            + "); nothing was committed",
                    e));
        }
        return Optional.empty();
    }

    /**
     * Writes the documents, splitting a request Elasticsearch finds too large (413) in halves, down to one
     * document, which is then a dead letter. Returns the documents to try again (429 or 5xx items); successes,
     * stale writes and refused documents are counted, and refused ones dead-lettered (their sends added to
     * {@code sent}).
     */
    List<Indexable> write(List<Indexable> docs, List<Future<?>> sent) throws BulkWriter.RequestRejected, IOException {
        List<BulkWriter.ItemResult> results;
        try {
            long start = System.nanoTime();
            results = writer.write(docs.stream().map(Indexable::operation).toList());
            counts.bulkLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (BulkWriter.RequestRejected e) {
            if (e.status() != 413) {
                throw e;
            }
            if (docs.size() == 1) {
                sent.add(deadLetters.send(
                        docs.get(0).record(),
                        DeadLetterStage.SINK_INDEX.id(),
                        "Elasticsearch refused the document as too large (" + e.getMessage() + ")"));
                return List.of();
            }
            List<Indexable> retry = new ArrayList<>(write(docs.subList(0, docs.size() / 2), sent));
            retry.addAll(write(docs.subList(docs.size() / 2, docs.size()), sent));
            return retry;
        }
        List<Indexable> retry = new ArrayList<>();
        // the items answer the operations in order
        for (int i = 0; i < docs.size(); i++) {
            BulkWriter.ItemResult item = results.get(i);
            Indexable doc = docs.get(i);
            // deleting a document already gone leaves what was asked for
            if (item.ok() || (doc.document() == null && item.status() == 404)) {
                (doc.alias().equals(papersAlias) ? counts.papersIndexed : counts.trendsIndexed).increment();
                if (doc.fetchedAt() != null) {
                    counts.fetchToIndexed.record(Duration.between(doc.fetchedAt(), clock.instant()));
                }
                log.debug("{} {} indexed", doc.alias(), doc.id());
            } else if (item.status() == 409 && VERSION_CONFLICT.equals(item.errorType())) {
                // Elasticsearch already holds a newer revision: this one is stale, not lost
                counts.staleSkipped.increment();
                log.debug("{} {} version {} stale, skipped", doc.alias(), doc.id(), doc.version());
            } else if (item.status() == 429
                    || item.status() >= 500
                    || (item.status() == 403 && CLUSTER_BLOCK.equals(item.errorType()))) {
                retry.add(doc);
            } else {
                sent.add(deadLetters.send(
                        doc.record(),
                        DeadLetterStage.SINK_INDEX.id(),
                        "Elasticsearch refused the document: " + item.errorType() + ": " + item.reason()));
            }
        }
        return retry;
    }
}
