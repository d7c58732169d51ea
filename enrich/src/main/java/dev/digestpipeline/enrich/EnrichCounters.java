package dev.digestpipeline.enrich;

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
        counter(registry, "digest.enrich.pages.parsed", "pages parsed into papers", pages);
        counter(registry, "digest.enrich.papers.parsed", "papers read from the pages parsed", papers);
        counter(
                registry,
                "digest.enrich.pages.dead.lettered",
                "pages sent to the pages dead-letter topic",
                deadLetters);
        counter(registry, "digest.enrich.merge.emits", "merged states sent (a paper's state changed)", merged);
        counter(registry, "digest.enrich.merge.unchanged", "sightings that changed no merged state", unchanged);
        counter(
                registry,
                "digest.enrich.trend.changes.too.old",
                "trend changes to windows older than the trend retention, not counted",
                trendTooOld);
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder total) {
        FunctionCounter.builder(name, total, LongAdder::sum)
                .description(description)
                .register(registry);
    }

    @Override
    public String toString() {
        return pages() + " pages parsed, " + papers() + " papers read, " + merged.sum() + " merged states emitted, "
                + unchanged.sum() + " sightings changed nothing, " + deadLetters() + " pages dead-lettered, "
                + trendTooOld.sum() + " trend changes older than the trend retention";
    }
}
