package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceStatusTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Source FEED = Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CL");

    @Test
    void aSourceNeverPolledIsDueNow() {
        assertEquals(
                List.of("  arxiv-rss,https://rss.arxiv.org/rss/cs.CL (after each arXiv rebuild, then every 1h until it "
                        + "changed): not polled yet, due now"),
                SourceStatus.lines(List.of(FEED), Map.of(), NOW));
    }

    @Test
    void aPolledSourceSaysWhenWithWhatAndWhenNext() {
        SourceState state = new SourceState(
                "\"e\"",
                null,
                "ab",
                NOW.minusSeconds(125),
                NOW.minusSeconds(125),
                200,
                null,
                NOW.plus(Duration.ofMinutes(58)),
                0,
                152,
                NOW.minusSeconds(125));
        assertEquals(
                "last poll 2026-11-27T09:57:55Z (2m ago), HTTP 200, 152 papers in the last page published, "
                        + "next due in 58m (2026-11-27T10:58:00Z)",
                SourceStatus.describe(state, NOW));
    }

    @Test
    void aThrottledSourceSaysItBacksOffAndWhy() {
        SourceState state = new SourceState(
                null,
                null,
                null,
                NOW.minusSeconds(30),
                null,
                429,
                "HTTP 429 from https://rss.arxiv.org/rss/cs.CL",
                NOW.plus(Duration.ofMinutes(4)),
                3,
                -1,
                null);
        assertEquals(
                "last poll 2026-11-27T09:59:30Z (30s ago), HTTP 429, next due in 4m (2026-11-27T10:04:00Z), "
                        + "backing off after 3 failures in a row, last error: HTTP 429 from https://rss.arxiv.org/rss/cs.CL",
                SourceStatus.describe(state, NOW));
    }

    @Test
    void theDailyPapersApiHasALineForTodayAndOneForYesterday() {
        Source api = Source.parse("hf-daily-api,https://huggingface.co/api/daily_papers");
        assertEquals(
                List.of(
                        "  hf-daily-api,https://huggingface.co/api/daily_papers (every 1h):",
                        "    https://huggingface.co/api/daily_papers?date=2026-11-27: not polled yet, due now",
                        "    https://huggingface.co/api/daily_papers?date=2026-11-26: not polled yet, due now"),
                SourceStatus.lines(List.of(api), Map.of(), NOW));
    }

    @Test
    void durationsAreSaidInTheirTwoLargestUnits() {
        assertEquals("45s", SourceStatus.ago(Duration.ofSeconds(45)));
        assertEquals("3h 5m", SourceStatus.ago(Duration.ofMinutes(185)));
        assertEquals("2d 4h", SourceStatus.ago(Duration.ofHours(52)));
    }
}
