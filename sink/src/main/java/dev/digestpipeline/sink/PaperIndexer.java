package dev.digestpipeline.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.DeadLetters;
import dev.digestpipeline.schemas.Paper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls papers, indexes each batch with one bulk request (document id = paper id, so replays change nothing),
 * and commits offsets only after Elasticsearch acknowledged the batch. Records that can never be indexed go to
 * the dead-letter topic with the reason and their bytes; transient failures are retried, never skipped.
 */
public final class PaperIndexer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PaperIndexer.class);
    static final String STAGE_DESERIALIZE = "sink-deserialize";
    static final String STAGE_INDEX = "sink-index";

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<Paper> papers;
    private final ElasticsearchClient client;
    private final Producer<String, DeadLetter> deadLetters;
    private final SinkConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder indexed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private volatile RuntimeException failure;

    public PaperIndexer(Consumer<byte[], byte[]> consumer, Deserializer<Paper> papers, ElasticsearchClient client,
                        Producer<String, DeadLetter> deadLetters, SinkConfig config, Clock clock) {
        this.consumer = consumer;
        this.papers = papers;
        this.client = client;
        this.deadLetters = deadLetters;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(config.papersTopic()));
        long nextSummary = System.nanoTime() + config.summaryInterval().toNanos();
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
                if (!records.isEmpty() && indexBatch(records)) {
                    consumer.commitSync();
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
        Map<String, ConsumerRecord<byte[], byte[]>> byId = new LinkedHashMap<>();
        Map<String, PaperDocument> docs = new LinkedHashMap<>();
        List<Future<?>> sent = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                Paper paper = papers.deserialize(record.topic(), record.value());
                if (paper == null) {
                    continue; // a tombstone: nothing to index
                }
                byId.put(paper.getPaperId(), record);
                docs.put(paper.getPaperId(), PaperDocument.of(paper));
            } catch (RuntimeException e) {
                sent.add(deadLetter(record, STAGE_DESERIALIZE, "value is not a Paper the registry knows: " + e.getMessage()));
            }
        }
        long backoff = 500;
        while (!docs.isEmpty()) {
            if (!running.get()) {
                return false;
            }
            try {
                List<BulkOperation> ops = new ArrayList<>();
                docs.forEach((id, doc) -> ops.add(BulkOperation.of(b -> b.index(i -> i.id(id).document(doc)))));
                BulkResponse response = client.bulk(b -> b.index(config.alias()).operations(ops));
                Map<String, PaperDocument> retry = new LinkedHashMap<>();
                for (BulkResponseItem item : response.items()) {
                    if (item.error() == null) {
                        indexed.increment();
                        log.debug("paper {} indexed", item.id());
                    } else if (item.status() == 429 || item.status() >= 500) {
                        retry.put(item.id(), docs.get(item.id()));
                    } else {
                        sent.add(deadLetter(byId.get(item.id()), STAGE_INDEX, "Elasticsearch refused the document: "
                                + item.error().type() + ": " + item.error().reason()));
                    }
                }
                docs = retry;
            } catch (Exception e) {
                log.warn("bulk request of {} papers failed, retrying in {} ms: {}", docs.size(), backoff, e.toString());
            }
            if (!docs.isEmpty()) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
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

    private Future<?> deadLetter(ConsumerRecord<byte[], byte[]> record, String stage, String reason) {
        deadLettered.increment();
        String key = record.key() == null ? "(no key)" : new String(record.key(), StandardCharsets.UTF_8);
        log.warn("paper {} dead-lettered ({}): {}", key, stage, reason);
        DeadLetter letter = DeadLetters.of(stage, reason, record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), clock.instant());
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

    public long indexed() {
        return indexed.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    String summary() {
        return indexed() + " papers indexed into '" + config.alias() + "', " + deadLettered() + " dead-lettered";
    }
}
