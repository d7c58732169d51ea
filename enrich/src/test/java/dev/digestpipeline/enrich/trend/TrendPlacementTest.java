package dev.digestpipeline.enrich.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrendPlacementTest {
    private static final Instant FIRST_SEEN = Instant.parse("2025-08-25T14:20:00Z");

    private static Paper.Builder paper(String... tags) {
        return Paper.newBuilder()
                .setPaperId("2508.00001")
                .setTitle("A Paper")
                .setParsedAt(Instant.parse("2025-08-26T00:00:00Z"))
                .setFirstSeenAt(FIRST_SEEN)
                .setTags(List.of(tags).stream()
                        .map(t -> new Tag(t, 1.0, List.of()))
                        .toList());
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    @Test
    void dailyPapersDateComesBeforeEveryOtherDay() {
        Paper p = paper("vision")
                .setDigestDate(LocalDate.parse("2025-08-22"))
                .setAnnouncedOn(LocalDate.parse("2025-08-21"))
                .setPublishedAt(Instant.parse("2025-08-20T17:00:00Z"))
                .build();
        assertEquals(day("2025-08-22"), TrendPlacement.ownDay(p, FIRST_SEEN));
    }

    @Test
    void announcementDayComesBeforeSubmission() {
        Paper p = paper("vision")
                .setAnnouncedOn(LocalDate.parse("2025-08-21"))
                .setPublishedAt(Instant.parse("2025-08-20T17:00:00Z"))
                .build();
        assertEquals(day("2025-08-21"), TrendPlacement.ownDay(p, FIRST_SEEN));
    }

    @Test
    void submissionDayIsTheUtcDayOfItsTimestamp() {
        Paper p = paper("vision")
                .setPublishedAt(Instant.parse("2025-08-20T23:59:59Z"))
                .build();
        assertEquals(day("2025-08-20"), TrendPlacement.ownDay(p, FIRST_SEEN));
    }

    @Test
    void paperWithoutADayOfItsOwnCountsOnTheDayItWasFirstSeen() {
        assertEquals(day("2025-08-25"), TrendPlacement.ownDay(paper("vision").build(), FIRST_SEEN));
    }

    @Test
    void eachTagHasADayAndAnHourWindow() {
        Paper p = paper("vision", "vision/3d")
                .setDigestDate(LocalDate.parse("2025-08-22"))
                .build();
        Instant hour = Instant.parse("2025-08-25T14:00:00Z");
        assertEquals(
                Set.of(
                        new TrendWindow("vision", Granularity.DAY, day("2025-08-22")),
                        new TrendWindow("vision", Granularity.HOUR, hour),
                        new TrendWindow("vision/3d", Granularity.DAY, day("2025-08-22")),
                        new TrendWindow("vision/3d", Granularity.HOUR, hour)),
                TrendPlacement.of(p));
    }

    @Test
    void keysAreTheKeysOfTheWindows() {
        Paper p = paper("vision", "vision/3d", "language")
                .setAnnouncedOn(LocalDate.parse("2025-08-21"))
                .build();
        assertEquals(TrendPlacement.of(p).stream().map(TrendWindow::key).toList(), List.copyOf(TrendPlacement.keys(p)));
    }

    @Test
    void untaggedPaperCountsNowhere() {
        assertEquals(Set.of(), TrendPlacement.of(paper().build()));
    }

    @Test
    void windowKeyReadsBackAsTheSameWindow() {
        TrendWindow window = new TrendWindow("language/llm", Granularity.HOUR, Instant.parse("2025-08-25T14:00:00Z"));
        assertEquals("language/llm|hour|2025-08-25T14:00:00Z", window.key());
        assertEquals(window, TrendWindow.parse(window.key()));
        assertEquals(Instant.parse("2025-08-25T15:00:00Z"), window.end());
    }
}
