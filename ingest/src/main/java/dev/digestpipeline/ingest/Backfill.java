package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Walks a source's past days, oldest first, under the poller's rules (robots.txt, the host's gap, conditional GETs,
 * Retry-After): each day's pages are published, then the day is checkpointed in the state topic. Interrupted, a run
 * resumes at the first day without a checkpoint; run again over the same days, it fetches and publishes nothing.
 */
public final class Backfill {
    /** Tries of one day before it is left for a later run (a 429, a 5xx, an empty answer from the arXiv API). */
    static final int TRIES = 3;
    /** The longest the backfill waits between tries of a day; a site asking for more is left for a later run. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    /** What a run did: days walked (published or not), days done before, days left for a later run with why. */
    public record Summary(int walked, int skipped, int published, int papers, List<String> unfinished) {
        @Override
        public String toString() {
            return walked + " days walked, " + skipped + " done before, " + pages(published) + " published, " + papers
                    + " papers"
                    + (unfinished.isEmpty() ? "" : "; left for a later run: " + String.join("; ", unfinished));
        }
    }

    static String pages(int count) {
        return count == 1 ? "1 page" : count + " pages";
    }

    /** Waits between tries; tests pass one that does not. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final PollingLoop loop;
    private final SourceStates store;
    private final Map<String, SourceState> checkpoints;
    private final Clock clock;
    private final Sleeper sleeper;

    Backfill(PollingLoop loop, SourceStates store, Clock clock, Sleeper sleeper) {
        this.loop = loop;
        this.store = store;
        this.checkpoints = new HashMap<>(store.load());
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs a backfill with the poller's settings; progress gets one line per day. */
    public static Summary run(
            PollerConfig config, Source source, LocalDate since, LocalDate until, Consumer<String> progress)
            throws InterruptedException {
        Clock clock = Clock.systemUTC();
        try (PollingClients clients = new PollingClients(config, clock)) {
            return new Backfill(clients.loop(List.of()), clients.store(), clock, d -> Thread.sleep(d.toMillis()))
                    .walk(source, since, until, progress);
        }
    }

    /** The key of a day's checkpoint in the state topic. */
    static String checkpointId(Source source, LocalDate day) {
        return "backfill," + source.id() + "," + day;
    }

    Summary walk(Source source, LocalDate since, LocalDate until, Consumer<String> progress)
            throws InterruptedException {
        if (until.isBefore(since)) {
            throw new IllegalArgumentException("--until " + until + " is before --since " + since);
        }
        int walked = 0;
        int skipped = 0;
        int published = 0;
        int papers = 0;
        List<String> unfinished = new ArrayList<>();
        for (LocalDate day = since; !day.isAfter(until); day = day.plusDays(1)) {
            String checkpoint = checkpointId(source, day);
            if (checkpoints.containsKey(checkpoint)) {
                skipped++;
                progress.accept(
                        day + ": done before (" + checkpoints.get(checkpoint).papers() + " papers)");
                continue;
            }
            Source daySource = source.forDay(day);
            walked++;
            String error = null;
            int dayPublished = 0;
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                dayPublished += loop.pollNow(daySource).published();
                error = firstError(daySource);
                if (error == null || attempt == TRIES) {
                    break;
                }
                Duration wait = waitBefore(daySource);
                if (wait.compareTo(LONGEST_WAIT) > 0) {
                    error = error + " (the site asks to wait " + wait + ")";
                    break;
                }
                progress.accept(day + ": " + error + "; trying again in " + wait.toSeconds() + " s");
                sleeper.sleep(wait);
            }
            published += dayPublished;
            if (error != null) {
                unfinished.add(day + ": " + error);
                progress.accept(day + ": not done, " + error);
                continue;
            }
            int dayPapers = loop.states(daySource).stream()
                    .mapToInt(s -> Math.max(0, s.papers()))
                    .sum();
            papers += dayPapers;
            Instant now = clock.instant();
            SourceState done = new SourceState(null, null, null, now, now, 200, null, null, 0, dayPapers, null);
            store.save(checkpoint, done);
            checkpoints.put(checkpoint, done);
            progress.accept(day + ": " + dayPapers + " papers, " + pages(dayPublished) + " published");
        }
        return new Summary(walked, skipped, published, papers, List.copyOf(unfinished));
    }

    private String firstError(Source daySource) {
        return loop.states(daySource).stream()
                .map(SourceState::lastError)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
    }

    /** Until the day's first URL is due again: what Retry-After or the backoff said, at least a second. */
    private Duration waitBefore(Source daySource) {
        Instant due = loop.states(daySource).stream()
                .filter(s -> s.lastError() != null && s.nextDueAt() != null)
                .map(SourceState::nextDueAt)
                .findFirst()
                .orElse(clock.instant());
        Duration wait = Duration.between(clock.instant(), due);
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
