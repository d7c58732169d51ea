package dev.digestpipeline.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digestpipeline.common.kafka.DeadLetters;
import dev.digestpipeline.common.kafka.RegistryFailures;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.ops.Meters;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.TagTrend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls papers and trends, indexes each batch with one bulk request (document ids come from the records, so
 * replays change nothing), and commits offsets only after Elasticsearch acknowledged the batch. Records that can
 * never be indexed go to the dead-letter topic with the reason and their bytes; transient failures are retried,
 * never skipped.
 */
public final class DigestIndexer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DigestIndexer.class);
    static final String STAGE_DESERIALIZE = "sink-deserialize";
    static final String STAGE_INDEX = "sink-index";
    private static final String VERSION_CONFLICT = "version_conflict_engine_exception";

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<Paper> papers;
    private final Deserializer<TagTrend> trends;
    private final BulkWriter writer;
    private final SplittableRandom random = new SplittableRandom();
    static final long FIRST_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 30_000;
    private final Producer<String, DeadLetter> deadLetters;
    private final SinkConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder papersIndexed = new LongAdder();
    private final LongAdder trendsIndexed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder staleSkipped = new LongAdder();
    private volatile RuntimeException failure;
    private long registryWaitMs;
    /** Why the indexer waits (Elasticsearch or the registry failing), or null while it indexes. */
    private volatile String waitingFor;
    // no-op until bindTo: tests and tools that do not scrape pay nothing
    private Timer bulkLatency = Timer.builder("unbound").register(new CompositeMeterRegistry());
    private Timer fetchToIndexed = bulkLatency;

    public DigestIndexer(
            Consumer<byte[], byte[]> consumer,
            Deserializer<Paper> papers,
            Deserializer<TagTrend> trends,
            BulkWriter writer,
            Producer<String, DeadLetter> deadLetters,
            SinkConfig config,
            Clock clock) {
        this.consumer = consumer;
        this.papers = papers;
        this.trends = trends;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A record and the document it becomes in one of the aliases, with the version it is written at: Elasticsearch
     * keeps a document's highest version ({@code external_gte}), so an older revision read late (a replay, a
     * rebalance, an offset reset) never replaces a newer one, and the same revision again is a harmless rewrite.
     */
    record Indexable(
            ConsumerRecord<byte[], byte[]> record,
            String alias,
            String id,
            Object document,
            long version,
            int bytes,
            Instant fetchedAt) {
        Indexable(ConsumerRecord<byte[], byte[]> record, String alias, String id, Object document, long version) {
            this(record, alias, id, document, version, jsonSize(document), null);
        }

        /** {@code fetchedAt}: when the page that made this revision was fetched, for the fetch-to-index time. */
        Indexable withFetchedAt(Instant fetchedAt) {
            return new Indexable(record, alias, id, document, version, bytes, fetchedAt);
        }
    }

    /**
     * The indexer's counts as Prometheus counters, and two timers: each bulk request's latency, and the time from
     * a page's fetch to its paper's revision acknowledged by Elasticsearch (searchable within the index's refresh
     * interval, 1 s, after that).
     */
    public void bindTo(MeterRegistry registry) {
        Meters.SINK_INDEXED.countFrom(registry, papersIndexed, "index", "papers");
        Meters.SINK_INDEXED.countFrom(registry, trendsIndexed, "index", "trends");
        Meters.SINK_STALE.countFrom(registry, staleSkipped);
        Meters.SINK_DEAD_LETTERS.countFrom(registry, deadLettered);
        bulkLatency = Meters.SINK_BULK_LATENCY.timer(registry, Duration.ofMillis(1), Duration.ofSeconds(30));
        fetchToIndexed = Meters.SINK_FETCH_TO_INDEXED.timer(registry, Duration.ofMillis(50), Duration.ofHours(1));
    }

    /** Why the indexer waits, or empty while it indexes; a failure that stopped it says so. */
    public Optional<String> notIndexingBecause() {
        if (failure != null) {
            return Optional.of("indexing stopped: " + failure.getMessage());
        }
        return Optional.ofNullable(waitingFor);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document's size as JSON, near what the bulk request carries for it. */
    static int jsonSize(Object document) {
        if (document == null) {
            return 0;
        }
        try {
            return JSON.writeValueAsBytes(document).length;
        } catch (JsonProcessingException e) {
            return 0;
        }
    }

    /** A record that cannot be read, and why: dead-lettered once the whole batch was read. */
    private record Unreadable(ConsumerRecord<byte[], byte[]> record, String reason) {}

    /** The schema registry did not answer while a record was read: the record is not at fault. */
    private static final class RegistryUnavailable extends RuntimeException {
        RegistryUnavailable(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A record whose value is not what its topic carries. */
    private static final class UnreadableRecord extends RuntimeException {
        UnreadableRecord(String message) {
            super(message);
        }
    }

    @Override
    public void run() {
        consumer.subscribe(
                config.trendsTopic().isEmpty()
                        ? List.of(config.papersTopic())
                        : List.of(config.papersTopic(), config.trendsTopic()));
        long nextSummary = System.nanoTime() + config.summaryInterval().toNanos();
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
                if (!records.isEmpty() && indexBatch(records)) {
                    commit(records);
                }
                if (System.nanoTime() > nextSummary) {
                    log.info("summary: {}", summary());
                    nextSummary = System.nanoTime() + config.summaryInterval().toNanos();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                stopOn(e);
            }
        } catch (RuntimeException e) {
            stopOn(e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
            log.info("stopped: {}", summary());
        }
    }

    /** The batch's offsets were not committed, so a restart reads it again: nothing is lost. */
    private void stopOn(RuntimeException e) {
        failure = e;
        log.error("indexing stopped, the last batch will be read again on restart: {}", e.toString(), e);
    }

    /** Indexes the batch; false when stopped before Elasticsearch acknowledged it (nothing is committed then). */
    boolean indexBatch(ConsumerRecords<byte[], byte[]> records) {
        // one operation per document, at the highest revision read: a revision read after a newer one in the same
        // batch (a replay, a rebalance) is stale, as Elasticsearch would have answered
        Map<String, Indexable> latest = new LinkedHashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    Indexable doc = toDocument(record);
                    if (doc != null) {
                        String key = doc.alias() + "/" + doc.id();
                        Indexable held = latest.get(key);
                        if (held != null && doc.version() < held.version()) {
                            staleSkipped.increment();
                        } else {
                            latest.put(key, doc);
                        }
                    }
                } catch (UnreadableRecord e) {
                    unreadable.add(new Unreadable(record, e.getMessage()));
                }
            }
        } catch (RegistryUnavailable e) {
            waitForRegistry(records, e);
            return false;
        }
        registryWaitMs = 0;
        waitingFor = null;
        List<Future<?>> sent = new ArrayList<>();
        unreadable.forEach(u -> sent.add(deadLetter(u.record(), STAGE_DESERIALIZE, u.reason())));
        for (List<Indexable> chunk : chunks(new ArrayList<>(latest.values()), config.bulkMaxBytes())) {
            if (!writeWithRetries(chunk, sent)) {
                return false;
            }
        }
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("could not write a dead letter; offsets not committed", e);
            }
        }
        return true;
    }

    /**
     * Writes one bulk request's documents until each is indexed, stale, or a dead letter; false when the indexer
     * was stopped first (nothing is committed then).
     */
    private boolean writeWithRetries(List<Indexable> chunk, List<Future<?>> sent) {
        List<Indexable> docs = new ArrayList<>(chunk);
        long backoff = FIRST_BACKOFF_MS;
        Set<TopicPartition> paused = new HashSet<>();
        try {
            while (!docs.isEmpty()) {
                if (!running.get()) {
                    return false;
                }
                try {
                    docs = writeSplitting(docs, sent);
                } catch (BulkWriter.RequestRejected e) {
                    if (e.status() == 401 || e.status() == 403) {
                        throw new IllegalStateException(
                                "Elasticsearch refused the sink (" + e.getMessage()
                                        + "): check the Elasticsearch URL and credentials; nothing was committed, so a "
                                        + "restart with the right ones indexes this batch",
                                e);
                    }
                    if (e.status() != 429 && e.status() < 500) {
                        throw new IllegalStateException(
                                "Elasticsearch refused a bulk request of " + docs.size() + " documents ("
                                        + e.getMessage() + "); nothing was committed",
                                e);
                    }
                    log.warn("bulk request of {} documents refused, retrying: {}", docs.size(), e.getMessage());
                    waitingFor = "Elasticsearch refuses bulk requests: " + e.getMessage();
                } catch (IOException e) {
                    log.warn("bulk request of {} documents got no answer, retrying: {}", docs.size(), e.toString());
                    waitingFor = "Elasticsearch does not answer: " + e;
                }
                if (!docs.isEmpty()) {
                    long wait = jittered(backoff);
                    log.info("{} documents wait {} ms for Elasticsearch; partitions paused", docs.size(), wait);
                    waitPolling(wait, paused);
                    // a rebalance during the wait took partitions away: their records are another member's now
                    docs.removeIf(d -> !consumer.assignment().contains(partitionOf(d.record())));
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        } finally {
            paused.retainAll(consumer.assignment());
            consumer.resume(paused);
        }
        return true;
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
     * Writes the documents, splitting a request Elasticsearch finds too large (413) in halves, down to one
     * document, which is then a dead letter. Returns the documents to try again (429 or 5xx items); successes,
     * stale writes and refused documents are counted, and refused ones dead-lettered.
     */
    private List<Indexable> writeSplitting(List<Indexable> docs, List<Future<?>> sent)
            throws BulkWriter.RequestRejected, IOException {
        List<BulkWriter.ItemResult> results;
        try {
            long start = System.nanoTime();
            results = writer.write(docs.stream()
                    .map(d -> new BulkWriter.Operation(d.alias(), d.id(), d.document(), d.version()))
                    .toList());
            bulkLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (BulkWriter.RequestRejected e) {
            if (e.status() != 413) {
                throw e;
            }
            if (docs.size() == 1) {
                sent.add(deadLetter(
                        docs.get(0).record(),
                        STAGE_INDEX,
                        "Elasticsearch refused the document as too large (" + e.getMessage() + ")"));
                return List.of();
            }
            List<Indexable> retry = new ArrayList<>(writeSplitting(docs.subList(0, docs.size() / 2), sent));
            retry.addAll(writeSplitting(docs.subList(docs.size() / 2, docs.size()), sent));
            return retry;
        }
        List<Indexable> retry = new ArrayList<>();
        // the items answer the operations in order
        for (int i = 0; i < docs.size(); i++) {
            BulkWriter.ItemResult item = results.get(i);
            Indexable doc = docs.get(i);
            // deleting a document already gone leaves what was asked for
            if (item.ok() || (doc.document() == null && item.status() == 404)) {
                (doc.alias().equals(config.alias()) ? papersIndexed : trendsIndexed).increment();
                if (doc.fetchedAt() != null) {
                    fetchToIndexed.record(Duration.between(doc.fetchedAt(), clock.instant()));
                }
                log.debug("{} {} indexed", doc.alias(), doc.id());
            } else if (item.status() == 409 && VERSION_CONFLICT.equals(item.errorType())) {
                // Elasticsearch already holds a newer revision: this one is stale, not lost
                staleSkipped.increment();
                log.debug("{} {} version {} stale, skipped", doc.alias(), doc.id(), doc.version());
            } else if (item.status() == 429 || item.status() >= 500) {
                retry.add(doc);
            } else {
                sent.add(deadLetter(
                        doc.record(),
                        STAGE_INDEX,
                        "Elasticsearch refused the document: " + item.errorType() + ": " + item.reason()));
            }
        }
        return retry;
    }

    /**
     * Waits while Elasticsearch fails, polling all the while so the group keeps this member (a wait past
     * max.poll.interval.ms would evict it): every assigned partition is paused, and records of a partition assigned
     * during the wait are given back (seek) to be read once the batch is done.
     */
    private void waitPolling(long millis, Set<TopicPartition> paused) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (running.get()) {
            paused.addAll(consumer.assignment());
            consumer.pause(consumer.assignment());
            long left = (until - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ofMillis(Math.min(left, 1000)));
            for (TopicPartition partition : unexpected.partitions()) {
                consumer.seek(partition, unexpected.records(partition).get(0).offset());
            }
        }
    }

    /** Commits the batch's offsets for the partitions still assigned; a revoked one's are the new owner's. */
    private void commit(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            if (consumer.assignment().contains(partition)) {
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
                offsets.put(
                        partition,
                        new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** The backoff moved by up to ±20 %, so that sinks retrying together drift apart. */
    private long jittered(long millis) {
        return Math.round(millis * (0.8 + 0.4 * random.nextDouble()));
    }

    /** The document a record becomes; null for a tombstone, which leaves nothing to index. */
    private Indexable toDocument(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(config.papersTopic())) {
            if (record.value() == null) {
                return retirement(record);
            }
            Paper paper = read(papers, "Paper", record);
            return paper == null
                    ? null
                    : new Indexable(
                                    record,
                                    config.alias(),
                                    paper.getPaperId(),
                                    PaperDocument.of(paper),
                                    paper.getRevision())
                            .withFetchedAt(paper.getLastSeenAt());
        }
        TagTrend trend = read(trends, "TagTrend", record);
        if (trend == null) {
            return null;
        }
        TrendDocument doc = TrendDocument.of(trend);
        return new Indexable(record, config.trendsAlias(), doc.id(), doc, TrendDocument.version(trend));
    }

    /**
     * A tombstone of digest.papers: enrich retired a {@code title:} id that turned out to be a paper with an arXiv
     * id. Its document is deleted at the revision the tombstone carries, so that an earlier revision read late does
     * not bring it back. A tombstone without a revision, or without a key, is not enrich's: nothing to do.
     */
    private Indexable retirement(ConsumerRecord<byte[], byte[]> record) {
        Header revision = record.headers().lastHeader(Topics.REVISION_HEADER);
        if (record.key() == null || revision == null) {
            return null;
        }
        try {
            long version = Long.parseLong(new String(revision.value(), StandardCharsets.UTF_8));
            return new Indexable(
                    record, config.alias(), new String(record.key(), StandardCharsets.UTF_8), null, version);
        } catch (NumberFormatException e) {
            throw new UnreadableRecord("tombstone with a " + Topics.REVISION_HEADER + " header that is no number");
        }
    }

    private static <T> T read(Deserializer<T> deserializer, String type, ConsumerRecord<byte[], byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            if (RegistryFailures.isUnavailable(e)) {
                throw new RegistryUnavailable(e);
            }
            throw new UnreadableRecord("value is not a " + type + " the registry knows: " + e.getMessage());
        }
    }

    /**
     * The registry did not answer: nothing of the batch is indexed, dead-lettered or committed; the partitions go
     * back to the batch's first offsets and are read again after a wait that doubles up to 30 s (well within
     * max.poll.interval.ms, so the sink keeps its partitions through an outage of any length).
     */
    private void waitForRegistry(ConsumerRecords<byte[], byte[]> records, RegistryUnavailable e) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        registryWaitMs = registryWaitMs == 0 ? 1000 : Math.min(registryWaitMs * 2, 30_000);
        waitingFor = "schema registry unavailable: " + e.getMessage();
        log.warn(
                "schema registry unavailable ({}): {} records read again in {} ms",
                e.getMessage(),
                records.count(),
                registryWaitMs);
        sleep(registryWaitMs);
    }

    private Future<?> deadLetter(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        deadLettered.increment();
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
        return deadLetters.send(new ProducerRecord<>(config.deadLetterTopic(), key, letter));
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    public void stop() {
        running.set(false);
        consumer.wakeup();
    }

    /** Why indexing stopped on its own, if it did. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    public long papersIndexed() {
        return papersIndexed.sum();
    }

    public long trendsIndexed() {
        return trendsIndexed.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Writes Elasticsearch refused because it held a newer version of the document. */
    public long staleSkipped() {
        return staleSkipped.sum();
    }

    String summary() {
        return papersIndexed() + " papers indexed into '" + config.alias() + "', " + trendsIndexed()
                + " trend windows into '" + config.trendsAlias() + "', " + staleSkipped() + " stale writes skipped, "
                + deadLettered() + " dead-lettered";
    }
}
