package dev.digestpipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.TagTrend;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendDocumentTest {
    private static TagTrend closedDay(String tag) {
        return new TagTrend(
                tag, "day", Instant.parse("2025-08-20T00:00:00Z"), Instant.parse("2025-08-21T00:00:00Z"), 12, true);
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
}
