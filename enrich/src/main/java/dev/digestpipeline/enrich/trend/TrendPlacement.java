package dev.digestpipeline.enrich.trend;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The windows a paper counts in, from its merged state alone, so that the order its pages came in does not matter:
 * for each of its tags, its own day (the Daily Papers date, else the arXiv announcement day, else its submission
 * day, else the day it was first seen) and the hour it was first seen by the pipeline.
 */
public final class TrendPlacement {
    private TrendPlacement() {}

    public static Set<TrendWindow> of(Paper paper) {
        Instant firstSeen = firstSeen(paper);
        Instant day = ownDay(paper, firstSeen);
        Instant hour = Granularity.HOUR.start(firstSeen);
        Set<TrendWindow> windows = new LinkedHashSet<>();
        for (Tag tag : paper.getTags()) {
            windows.add(new TrendWindow(tag.getName(), Granularity.DAY, day));
            windows.add(new TrendWindow(tag.getName(), Granularity.HOUR, hour));
        }
        return windows;
    }

    /** The keys of {@link #of}'s windows, each window start written out once, not once per tag. */
    public static Set<String> keys(Paper paper) {
        Instant firstSeen = firstSeen(paper);
        String day = ownDay(paper, firstSeen).toString();
        String hour = Granularity.HOUR.start(firstSeen).toString();
        Set<String> keys = new LinkedHashSet<>();
        for (Tag tag : paper.getTags()) {
            keys.add(TrendWindow.key(tag.getName(), Granularity.DAY, day));
            keys.add(TrendWindow.key(tag.getName(), Granularity.HOUR, hour));
        }
        return keys;
    }

    private static Instant firstSeen(Paper paper) {
        return paper.getFirstSeenAt() != null ? paper.getFirstSeenAt() : paper.getParsedAt();
    }

    /** The start of the paper's own day, UTC. */
    static Instant ownDay(Paper paper, Instant firstSeen) {
        LocalDate day = paper.getDigestDate();
        if (day == null) {
            day = paper.getAnnouncedOn();
        }
        if (day != null) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        Instant time = paper.getPublishedAt() != null ? paper.getPublishedAt() : firstSeen;
        return Granularity.DAY.start(time);
    }
}
