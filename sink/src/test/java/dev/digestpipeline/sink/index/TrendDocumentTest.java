package dev.digestpipeline.sink.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.schemas.TagTrend;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendDocumentTest {
    private static TagTrend closedDay(String tag) {
        return day(tag, 12, true, 0);
    }

    private static TagTrend day(String tag, int papers, boolean closed, int revision) {
        return new TagTrend(
                tag,
                "day",
                Instant.parse("2025-08-20T00:00:00Z"),
                Instant.parse("2025-08-21T00:00:00Z"),
                papers,
                closed,
                revision);
    }

    @Test
    void documentCarriesTheWindowTheAreaOfTheTagAndWhetherItIsClosed() {
        assertEquals(
                new TrendDocument(
                        "language/llm", "language", "day", "2025-08-20T00:00:00Z", "2025-08-21T00:00:00Z", 12, true),
                TrendDocument.of(closedDay("language/llm")));
    }

    @Test
    void idIsTheKeyEnrichPublishesTheWindowUnder() {
        assertEquals(
                "language/llm|day|2025-08-20T00:00:00Z",
                TrendDocument.of(closedDay("language/llm")).id());
    }

    @Test
    void areaTagIsItsOwnArea() {
        assertEquals("vision", TrendDocument.of(closedDay("vision")).area());
    }

    @Test
    void laterRevisionIsTheHigherVersionEvenWhenItsCountFell() {
        assertTrue(
                TrendDocument.version(day("vision", 4, false, 8)) > TrendDocument.version(day("vision", 5, false, 7)));
    }

    @Test
    void recordWithARevisionOutranksEveryRecordFromBeforeRevisions() {
        assertTrue(TrendDocument.version(day("vision", 1, false, 1))
                > TrendDocument.version(day("vision", 1_000_000, true, 0)));
    }

    @Test
    void recordsFromBeforeRevisionsRankByCountThenClosing() {
        assertEquals(
                List.of(6L, 7L, 8L),
                List.of(
                        TrendDocument.version(day("vision", 3, false, 0)),
                        TrendDocument.version(day("vision", 3, true, 0)),
                        TrendDocument.version(day("vision", 4, false, 0))));
    }
}
