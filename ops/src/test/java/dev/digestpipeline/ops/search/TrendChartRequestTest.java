package dev.digestpipeline.ops.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendChartRequestTest {
    @Test
    void aRangeAndTagsAreRead() {
        assertEquals(
                new TrendChart.Request(
                        LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 14), List.of("language", "vision")),
                TrendChart.Request.parse("2026-11-01", "2026-11-14", "language, vision,"));
    }

    @Test
    void blankEndsAreLeftToTheChart() {
        assertEquals(new TrendChart.Request(null, null, List.of()), TrendChart.Request.parse("", null, " "));
    }

    @Test
    void aDayThatIsNotOneIsRefusedWithTheFormat() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TrendChart.Request.parse("11/01/2026", "", ""));
        assertEquals("from is a day as YYYY-MM-DD, not '11/01/2026'", e.getMessage());
    }

    @Test
    void aRangeBackwardsIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TrendChart.Request.parse("2026-11-14", "2026-11-01", ""));
        assertEquals("from (2026-11-14) is after to (2026-11-01)", e.getMessage());
    }

    @Test
    void aRangeOverAYearIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TrendChart.Request.parse("2025-01-01", "2026-01-02", ""));
        assertEquals("from 2025-01-01 to 2026-01-02 is more than 366 days", e.getMessage());
    }
}
