package dev.digestpipeline.enrich;

import dev.digestpipeline.common.metrics.Meters;
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
    private final LongAdder absorbed = new LongAdder();

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

    /** A paper first seen without an arXiv id joined the paper of its arXiv id; its title id was retired. */
    public void absorbed() {
        absorbed.increment();
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
        Meters.ENRICH_PAGES.countFrom(registry, pages);
        Meters.ENRICH_PAPERS.countFrom(registry, papers);
        Meters.ENRICH_DEAD_LETTERS.countFrom(registry, deadLetters);
        Meters.ENRICH_MERGE_EMITS.countFrom(registry, merged);
        Meters.ENRICH_MERGE_UNCHANGED.countFrom(registry, unchanged);
        Meters.ENRICH_TREND_TOO_OLD.countFrom(registry, trendTooOld);
        Meters.ENRICH_TITLES_ABSORBED.countFrom(registry, absorbed);
    }

    @Override
    public String toString() {
        return pages() + " pages parsed, " + papers() + " papers read, " + merged.sum() + " merged states emitted, "
                + unchanged.sum() + " sightings changed nothing, " + deadLetters() + " pages dead-lettered, "
                + trendTooOld.sum() + " trend changes older than the trend retention, " + absorbed.sum()
                + " title-only papers joined their arXiv id";
    }
}
