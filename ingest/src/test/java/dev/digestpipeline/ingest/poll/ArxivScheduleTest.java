package dev.digestpipeline.ingest.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArxivScheduleTest {
    private static final Duration HOURLY = Duration.ofHours(1);
    /** Friday 27 November 2026, 07:00 US Eastern (12:00 UTC, standard time). */
    private static final Instant FRIDAY_MORNING = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void rebuildsAreAtEasternMidnightFromMondayToFriday() {
        assertEquals(Instant.parse("2026-11-27T05:00:00Z"), ArxivSchedule.rebuildAtOrBefore(FRIDAY_MORNING));
        // the next one after Friday is Monday's
        assertEquals(Instant.parse("2026-11-30T05:00:00Z"), ArxivSchedule.rebuildAfter(FRIDAY_MORNING));
        // in summer, Eastern midnight is 04:00 UTC
        assertEquals(
                Instant.parse("2026-07-01T04:00:00Z"),
                ArxivSchedule.rebuildAfter(Instant.parse("2026-06-30T12:00:00Z")));
    }

    @Test
    void aFeedThatHasTheDaysUpdateIsPolledAgainJustAfterTheNextRebuild() {
        assertEquals(
                Instant.parse("2026-11-30T05:10:00Z"),
                ArxivSchedule.next(FRIDAY_MORNING, FRIDAY_MORNING, HOURLY, ArxivScheduleTest::noJitter));
    }

    @Test
    void aFeedWithoutTheDaysUpdateIsPolledHourlyUntilItShows() {
        Instant changedThursday = Instant.parse("2026-11-26T06:00:00Z");
        assertEquals(
                FRIDAY_MORNING.plus(HOURLY),
                ArxivSchedule.next(FRIDAY_MORNING, changedThursday, HOURLY, ArxivScheduleTest::noJitter));
        assertEquals(
                FRIDAY_MORNING.plus(HOURLY),
                ArxivSchedule.next(FRIDAY_MORNING, null, HOURLY, ArxivScheduleTest::noJitter));
    }

    @Test
    void theHourlyChecksNeverGoPastTheNextRebuild() {
        Instant thursdayNight = Instant.parse("2026-11-27T04:30:00Z");
        Instant changedWednesday = Instant.parse("2026-11-25T06:00:00Z");
        assertEquals(
                Instant.parse("2026-11-27T05:10:00Z"),
                ArxivSchedule.next(thursdayNight, changedWednesday, HOURLY, ArxivScheduleTest::noJitter));
    }

    private static Duration noJitter(Duration d) {
        return d;
    }
}
