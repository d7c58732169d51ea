package dev.digestpipeline.enrich;

import java.util.concurrent.atomic.LongAdder;

/** Running totals for the periodic summary log line. */
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

    @Override
    public String toString() {
        return pages() + " pages parsed, " + papers() + " papers read, " + merged.sum() + " merged states emitted, "
                + unchanged.sum() + " sightings changed nothing, " + deadLetters() + " pages dead-lettered, "
                + trendTooOld.sum() + " trend changes older than the trend retention";
    }
}
