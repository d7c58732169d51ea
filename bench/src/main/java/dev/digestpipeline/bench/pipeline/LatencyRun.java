package dev.digestpipeline.bench.pipeline;

import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.RawPage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/** Fetch to searchable as a user sees it: small pages of new papers at a steady rate, each timed until found. */
final class LatencyRun {
    /** Papers per page: small pages, so that a page's time is close to each paper's. */
    static final int PAGE = 20;

    private final BenchStack bench;
    private final Consumer<String> say;

    LatencyRun(BenchStack bench, Consumer<String> say) {
        this.bench = bench;
        this.say = say;
    }

    /**
     * Publishes pages of {@value #PAGE} new papers at the rate for the length, each fetched as it is
     * sent, and times each page from its fetch until a search (polled every 100 ms, no refresh forced) finds all
     * of its papers.
     */
    Latency measure(
            PipelineProbe probe, String topic, int firstPaper, int rate, Duration length, PageGenerator.Topics topics)
            throws Exception {
        int pages = (int) Math.max(1, rate * length.toSeconds() / PAGE);
        long interval = Math.round(1e9 * PAGE / rate);
        say.accept("latency: " + pages + " pages of " + PAGE + " at " + rate + " papers/s...");
        Map<String, Instant> waiting = new HashMap<>();
        List<Duration> latencies = new ArrayList<>();
        Instant deadline = Instant.now().plus(length).plus(Duration.ofMinutes(5));
        try (Serde<RawPage> serde = RegistrySerdes.valueSerde(bench.stack().registryUrl());
                KafkaProducer<String, RawPage> producer =
                        new KafkaProducer<>(bench.producerProps(), new StringSerializer(), serde.serializer())) {
            long next = System.nanoTime();
            long nextPoll = next;
            int sent = 0;
            while (sent < pages || !waiting.isEmpty()) {
                for (; sent < pages && System.nanoTime() >= next; sent++, next += interval) {
                    int first = firstPaper + sent * PAGE;
                    RawPage page = PageGenerator.page("arxiv-atom", PAGE, first, first, topics);
                    page.setSourceUri("https://bench.example/" + bench.run() + "/latency-" + sent);
                    page.setFetchedAt(Instant.now());
                    waiting.put(page.getSourceUri(), page.getFetchedAt());
                    Future<RecordMetadata> unused =
                            producer.send(new ProducerRecord<>(topic, page.getSourceUri(), page));
                }
                if (System.nanoTime() >= nextPoll) {
                    nextPoll = System.nanoTime() + 100_000_000L;
                    Instant now = Instant.now();
                    probe.searchableByPage(waiting.keySet()).forEach((uri, count) -> {
                        if (count == PAGE) {
                            latencies.add(Duration.between(waiting.remove(uri), now));
                        }
                    });
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(waiting.size() + " latency pages not searchable in time");
                }
                Thread.sleep(Math.max(1, Math.min(10, (Math.min(next, nextPoll) - System.nanoTime()) / 1_000_000)));
            }
        }
        latencies.sort(null);
        return new Latency(
                rate,
                latencies.size(),
                PAGE,
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.get(latencies.size() - 1));
    }

    static Duration percentile(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
