package dev.digestpipeline.enrich;

import java.util.concurrent.atomic.LongAdder;

/** Running totals for the periodic summary log line. */
public final class EnrichCounters {
    private final LongAdder pages = new LongAdder();
    private final LongAdder papers = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();

    void page(int paperCount) {
        pages.increment();
        papers.add(paperCount);
    }

    void deadLetter() {
        deadLetters.increment();
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
        return pages() + " pages parsed, " + papers() + " papers, " + deadLetters() + " pages dead-lettered";
    }
}
