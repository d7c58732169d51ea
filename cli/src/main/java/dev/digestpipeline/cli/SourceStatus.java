package dev.digestpipeline.cli;

import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.poll.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One line per source for 'status': last poll, HTTP status, papers, next due, backoff, last error. */
final class SourceStatus {
    private SourceStatus() {}

    /** A line per source; a source that polls several URLs (days, pages) has a line per URL below its own. */
    static List<String> lines(List<Source> sources, Map<String, SourceState> states, Instant now) {
        List<String> lines = new ArrayList<>();
        for (Source source : sources) {
            String head = "  " + source.id()
                    + (source.followsArxivTimetable()
                            ? " (after each arXiv rebuild, then every " + ago(source.every()) + " until it changed)"
                            : " (every " + ago(source.every()) + ")");
            List<Target> targets = source.targets(LocalDate.ofInstant(now, ZoneOffset.UTC));
            if (targets.size() == 1 && targets.get(0).id().equals(source.id())) {
                lines.add(head + ": " + describe(states.getOrDefault(source.id(), SourceState.initial()), now));
                continue;
            }
            lines.add(head + ":");
            for (Target target : targets) {
                lines.add("    " + target.url() + ": "
                        + describe(states.getOrDefault(target.id(), SourceState.initial()), now));
            }
        }
        return lines;
    }

    static String describe(SourceState state, Instant now) {
        if (state.lastPollAt() == null) {
            return "not polled yet, due now";
        }
        StringBuilder out = new StringBuilder("last poll " + at(state.lastPollAt()) + " ("
                + ago(Duration.between(state.lastPollAt(), now)) + " ago), ");
        out.append(state.lastStatus() == 0 ? "no answer" : "HTTP " + state.lastStatus());
        if (state.papers() >= 0) {
            out.append(", ").append(state.papers()).append(" papers in the last page published");
        }
        if (state.nextDueAt() != null) {
            Duration wait = Duration.between(now, state.nextDueAt());
            out.append(", next due ")
                    .append(wait.isNegative() ? "now" : "in " + ago(wait))
                    .append(" (")
                    .append(at(state.nextDueAt()))
                    .append(')');
        }
        if (state.failures() > 0) {
            out.append(", backing off after ")
                    .append(state.failures())
                    .append(state.failures() == 1 ? " failure" : " failures in a row");
        }
        if (state.lastError() != null) {
            out.append(", last error: ").append(state.lastError());
        }
        return out.toString();
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A duration as people say it: 45s, 12m, 3h 5m, 2d 4h. */
    static String ago(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
        }
        return s / 86_400 + "d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + "h");
    }
}
