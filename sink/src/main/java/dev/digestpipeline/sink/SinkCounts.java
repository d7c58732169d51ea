package dev.digestpipeline.sink;

import dev.digestpipeline.common.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sink counts, and its two timers: each bulk request's latency, and the time from a page's fetch to its
 * paper's revision acknowledged by Elasticsearch (searchable within the index's refresh interval, 1 s, after that).
 */
final class SinkCounts {
    final LongAdder papersIndexed = new LongAdder();
    final LongAdder trendsIndexed = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder staleSkipped = new LongAdder();
    // no-op until bindTo: tests and tools that do not scrape pay nothing
    Timer bulkLatency = Timer.builder("unbound").register(new CompositeMeterRegistry());
    Timer fetchToIndexed = bulkLatency;

    /** The counts as Prometheus counters, and the timers. */
    void bindTo(MeterRegistry registry) {
        Meters.SINK_INDEXED.countFrom(registry, papersIndexed, "index", "papers");
        Meters.SINK_INDEXED.countFrom(registry, trendsIndexed, "index", "trends");
        Meters.SINK_STALE.countFrom(registry, staleSkipped);
        Meters.SINK_DEAD_LETTERS.countFrom(registry, deadLettered);
        bulkLatency = Meters.SINK_BULK_LATENCY.timer(registry, Duration.ofMillis(1), Duration.ofSeconds(30));
        fetchToIndexed = Meters.SINK_FETCH_TO_INDEXED.timer(registry, Duration.ofMillis(50), Duration.ofHours(1));
    }
}
