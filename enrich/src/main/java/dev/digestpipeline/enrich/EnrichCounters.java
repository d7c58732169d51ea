package dev.digestpipeline.enrich;

import dev.digestpipeline.common.ops.Meters;
import dev.digestpipeline.common.ops.MetricSpec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/** Running totals for the periodic summary log line and the app's metrics. */
public final class EnrichCounters {
    private final LongAdder pages = new LongAdder();
    private final LongAdder papers = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder merged = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder trendTooOld = new LongAdder();

    public void page(int paperCount) {
        pages.increment();
        papers.add(paperCount);
    }

    public void deadLetter() {
        deadLetters.increment();
    }

    public void merged() {
        merged.increment();
    }

    public void unchanged() {
        unchanged.increment();
    }

    /** A change to a trend window already forgotten (older than its retention), not counted. */
    public void trendTooOld() {
        trendTooOld.increment();
    }

    public long pages() {
        return pages.sum();
    }

    public long papers() {
        return papers.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    /** The totals as Prometheus counters ({@code digest_enrich_..._total}), read when scraped. */
    public void bindTo(MeterRegistry registry) {
        counter(registry, Meters.ENRICH_PAGES, pages);
        counter(registry, Meters.ENRICH_PAPERS, papers);
        counter(registry, Meters.ENRICH_DEAD_LETTERS, deadLetters);
        counter(registry, Meters.ENRICH_MERGE_EMITS, merged);
        counter(registry, Meters.ENRICH_MERGE_UNCHANGED, unchanged);
        counter(registry, Meters.ENRICH_TREND_TOO_OLD, trendTooOld);
    }

    private static void counter(MeterRegistry registry, MetricSpec spec, LongAdder total) {
        FunctionCounter.builder(spec.name(), total, LongAdder::sum)
                .description(spec.description())
                .register(registry);
    }

    @Override
    public String toString() {
        return pages() + " pages parsed, " + papers() + " papers read, " + merged.sum() + " merged states emitted, "
                + unchanged.sum() + " sightings changed nothing, " + deadLetters() + " pages dead-lettered, "
                + trendTooOld.sum() + " trend changes older than the trend retention";
    }
}
