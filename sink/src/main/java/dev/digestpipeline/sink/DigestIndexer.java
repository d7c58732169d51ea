package dev.digestpipeline.sink;

import dev.digestpipeline.common.kafka.DeadLetterStage;
import dev.digestpipeline.common.retry.Backoff;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.TagTrend;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's loop (as kafka-connect-elasticsearch's task and OffsetTracker): polls papers and trends, has each batch
 * indexed ({@link DocumentConverter}, {@link BulkRequests}), waits out Elasticsearch with its partitions paused, and
 * commits offsets only after Elasticsearch acknowledged the batch, only for the partitions it held throughout. Records
 * that can never be indexed go to the dead-letter topic with the reason and their bytes; transient failures are
 * retried, never skipped.
 */
public final class DigestIndexer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DigestIndexer.class);

    /**
     * While the registry does not answer, the batch is read again after 1 s, doubling to 30 s (well within
     * max.poll.interval.ms, so the sink keeps its partitions through an outage of any length), ±20 %.
     */
    static final Backoff REGISTRY_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

    private final Consumer<byte[], byte[]> consumer;
    private final DocumentConverter converter;
    private final BulkRequests bulk;
    private final SinkDeadLetters deadLetters;
    private final SinkCounts counts = new SinkCounts();
    private final SinkConfig config;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile RuntimeException failure;
    private int registryFailures;
    /** Partitions revoked or lost since the batch was polled (the listener runs inside poll, on this thread). */
    private final Set<TopicPartition> revokedInBatch = new HashSet<>();
    /** Why the indexer waits (Elasticsearch or the registry failing), or null while it indexes. */
    private volatile String waitingFor;

    public DigestIndexer(
            Consumer<byte[], byte[]> consumer,
            Deserializer<Paper> papers,
            Deserializer<TagTrend> trends,
            BulkWriter writer,
            Producer<String, DeadLetter> deadLetters,
            SinkConfig config,
            Clock clock) {
        this.consumer = consumer;
        this.converter = new DocumentConverter(papers, trends, config);
        this.deadLetters = new SinkDeadLetters(deadLetters, config.deadLetterTopic(), counts, clock);
        this.bulk = new BulkRequests(writer, this.deadLetters, counts, config.alias(), clock);
        this.config = config;
    }

    /** The indexer's counts as Prometheus counters, the bulk latency and the fetch-to-indexed time. */
    public void bindTo(MeterRegistry registry) {
        counts.bindTo(registry);
    }

    /** Why the indexer waits, or empty while it indexes; a failure that stopped it says so. */
    public Optional<String> notIndexingBecause() {
        if (failure != null) {
            return Optional.of("indexing stopped: " + failure.getMessage());
        }
        return Optional.ofNullable(waitingFor);
    }

    /** A record that cannot be read, and why: dead-lettered once the whole batch was read. */
    private record Unreadable(ConsumerRecord<byte[], byte[]> record, String reason) {}

    @Override
    public void run() {
        consumer.subscribe(
                config.trendsTopic().isEmpty()
                        ? List.of(config.papersTopic())
                        : List.of(config.papersTopic(), config.trendsTopic()),
                new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        revokedInBatch.addAll(partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        revokedInBatch.addAll(partitions);
                    }
                });
        long nextSummary = System.nanoTime() + config.summaryInterval().toNanos();
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
                // what poll returned is of the partitions held now; a revocation from here on voids the batch's
                revokedInBatch.clear();
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
                    Indexable doc = converter.convert(record);
                    if (doc != null) {
                        String key = doc.alias() + "/" + doc.id();
                        Indexable held = latest.get(key);
                        if (held != null && doc.version() < held.version()) {
                            counts.staleSkipped.increment();
                        } else {
                            latest.put(key, doc);
                        }
                    }
                } catch (DocumentConverter.UnreadableRecord e) {
                    unreadable.add(new Unreadable(record, e.getMessage()));
                }
            }
        } catch (DocumentConverter.RegistryUnavailable e) {
            waitForRegistry(records, e);
            return false;
        }
        registryFailures = 0;
        waitingFor = null;
        List<Future<?>> sent = new ArrayList<>();
        unreadable.forEach(
                u -> sent.add(deadLetters.send(u.record(), DeadLetterStage.SINK_DESERIALIZE.id(), u.reason())));
        for (List<Indexable> chunk : BulkRequests.chunks(new ArrayList<>(latest.values()), config.bulkMaxBytes())) {
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
     * Writes one bulk request's documents until each is indexed, stale, or a dead letter, waiting with the
     * partitions paused between tries; false when the indexer was stopped first (nothing is committed then).
     */
    private boolean writeWithRetries(List<Indexable> chunk, List<Future<?>> sent) {
        List<Indexable> docs = new ArrayList<>(chunk);
        int failures = 0;
        Set<TopicPartition> paused = new HashSet<>();
        try {
            while (!docs.isEmpty()) {
                if (!running.get()) {
                    return false;
                }
                try {
                    docs = bulk.write(docs, sent);
                } catch (BulkWriter.RequestRejected e) {
                    Optional<IllegalStateException> fatal = BulkRequests.fatal(e, docs.size());
                    if (fatal.isPresent()) {
                        throw fatal.get();
                    }
                    log.warn("bulk request of {} documents refused, retrying: {}", docs.size(), e.getMessage());
                    waitingFor = "Elasticsearch refuses bulk requests: " + e.getMessage();
                } catch (IOException e) {
                    log.warn("bulk request of {} documents got no answer, retrying: {}", docs.size(), e.toString());
                    waitingFor = "Elasticsearch does not answer: " + e;
                }
                if (!docs.isEmpty()) {
                    long wait = BulkRequests.BACKOFF.after(++failures).toMillis();
                    log.info("{} documents wait {} ms for Elasticsearch; partitions paused", docs.size(), wait);
                    waitPolling(wait, paused);
                    // a rebalance during the wait took partitions away: their records are another member's now
                    docs.removeIf(d -> revokedInBatch.contains(partitionOf(d.record())));
                }
            }
        } finally {
            paused.retainAll(consumer.assignment());
            consumer.resume(paused);
        }
        return true;
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

    /**
     * Commits the batch's offsets of the partitions held throughout it. A partition revoked during the batch had its
     * documents dropped, and its offsets are not committed even when it was assigned back before the batch ended:
     * it is then read again from its committed offset (as Kafka Connect's WorkerSinkTask does).
     */
    private void commit(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            if (!revokedInBatch.contains(partition) && consumer.assignment().contains(partition)) {
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

    /**
     * The registry did not answer: nothing of the batch is indexed, dead-lettered or committed; the partitions go
     * back to the batch's first offsets and are read again after {@link #REGISTRY_BACKOFF}.
     */
    private void waitForRegistry(ConsumerRecords<byte[], byte[]> records, RuntimeException e) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        long wait = REGISTRY_BACKOFF.after(++registryFailures).toMillis();
        waitingFor = "schema registry unavailable: " + e.getMessage();
        log.warn(
                "schema registry unavailable ({}): {} records read again in {} ms",
                e.getMessage(),
                records.count(),
                wait);
        sleep(wait);
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
        return counts.papersIndexed.sum();
    }

    public long trendsIndexed() {
        return counts.trendsIndexed.sum();
    }

    public long deadLettered() {
        return counts.deadLettered.sum();
    }

    /** Writes Elasticsearch refused because it held a newer version of the document. */
    public long staleSkipped() {
        return counts.staleSkipped.sum();
    }

    String summary() {
        return papersIndexed() + " papers indexed into '" + config.alias() + "', " + trendsIndexed()
                + " trend windows into '" + config.trendsAlias() + "', " + staleSkipped() + " stale writes skipped, "
                + deadLettered() + " dead-lettered";
    }
}
