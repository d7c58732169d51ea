package dev.digestpipeline.ingest.poll;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.UnaryOperator;

/**
 * When an arXiv feed or listing is worth polling: arXiv rebuilds them once a day, at midnight US Eastern after each
 * announcement (Sunday to Thursday evenings), so on Monday to Friday. After a poll that has the day's update, the
 * next is a little after the next rebuild; until the update shows, the feed is polled at the source's interval
 * (hourly by default), never later than the next rebuild.
 */
final class ArxivSchedule {
    static final ZoneId EASTERN = ZoneId.of("America/New_York");
    /** How long after midnight the first poll goes (±10 %): the rebuild takes a few minutes. */
    static final Duration AFTER_REBUILD = Duration.ofMinutes(10);

    private ArxivSchedule() {}

    /**
     * @param polledAt when the poll went
     * @param lastChangedAt when a poll last brought a changed page (null: never)
     * @param every the source's interval, for the checks until the update shows
     * @param jitter moves a duration by up to ±10 %
     */
    static Instant next(Instant polledAt, Instant lastChangedAt, Duration every, UnaryOperator<Duration> jitter) {
        Instant nextRebuild = rebuildAfter(polledAt).plus(jitter.apply(AFTER_REBUILD));
        boolean hasUpdate = lastChangedAt != null && !lastChangedAt.isBefore(rebuildAtOrBefore(polledAt));
        if (hasUpdate) {
            return nextRebuild;
        }
        Instant check = polledAt.plus(jitter.apply(every));
        return check.isBefore(nextRebuild) ? check : nextRebuild;
    }

    /** The last rebuild at or before the instant. */
    static Instant rebuildAtOrBefore(Instant at) {
        LocalDate day = at.atZone(EASTERN).toLocalDate();
        while (true) {
            ZonedDateTime midnight = day.atStartOfDay(EASTERN);
            if (isRebuildDay(day) && !midnight.toInstant().isAfter(at)) {
                return midnight.toInstant();
            }
            day = day.minusDays(1);
        }
    }

    /** The first rebuild after the instant. */
    static Instant rebuildAfter(Instant at) {
        LocalDate day = at.atZone(EASTERN).toLocalDate().plusDays(1);
        while (!isRebuildDay(day)) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, LocalTime.MIDNIGHT, EASTERN).toInstant();
    }

    private static boolean isRebuildDay(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }
}
