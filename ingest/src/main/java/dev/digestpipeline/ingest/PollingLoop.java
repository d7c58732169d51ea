package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.PollOutcome;
import dev.digestpipeline.ingest.poll.PolledPage;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.poll.Target;
import dev.digestpipeline.ingest.state.SourceStates;
import dev.digestpipeline.schemas.RawPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every due source and publishes what changed: a new page goes to the raw-pages topic, and only once Kafka
 * acknowledged it is the source's new state (validators, hash) saved, so a crash in between fetches the page again
 * instead of losing it. States are read from the state topic when the loop is made, so a restart resumes where the
 * last run stopped and polls an overdue source at once.
 */
final class PollingLoop {
    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    /** What one round did: sources polled, pages published, polls or publishes that failed. */
    record Round(int polled, int published, int failed) {
        static final Round NONE = new Round(0, 0, 0);

        Round plus(Round other) {
            return new Round(polled + other.polled, published + other.published, failed + other.failed);
        }
    }

    private final List<Source> sources;
    private final FeedPoller poller;
    private final PagePublisher publisher;
    private final SourceStates store;
    private final Clock clock;
    private final Map<String, SourceState> states;
    private volatile PollMetrics metrics = PollMetrics.NONE;

    PollingLoop(List<Source> sources, FeedPoller poller, PagePublisher publisher, SourceStates store, Clock clock) {
        this.sources = List.copyOf(sources);
        this.poller = poller;
        this.publisher = publisher;
        this.store = store;
        this.clock = clock;
        this.states = new ConcurrentHashMap<>(store.load());
    }

    /** Counts polls, bytes and pages into the app's meters from now on. */
    void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        metrics = new PollMetrics(registry);
    }

    /** Every source the loop polls. */
    List<Source> sources() {
        return sources;
    }

    /** Polls each due source once. */
    Round pollDue() throws InterruptedException {
        return pollDue(sources);
    }

    /**
     * Polls each due target of the group's sources once, in order; an arXiv API page that came back full is followed
     * by the next page at once. The poller service calls this from one thread per host with that host's sources,
     * so that no host ever has two requests in flight.
     */
    Round pollDue(Collection<Source> group) throws InterruptedException {
        Round round = Round.NONE;
        for (Source source : group) {
            round = round.plus(poll(source, true));
        }
        return round;
    }

    /** Polls every target of the source now, due or not (the backfill does: a day is walked once, whole). */
    Round pollNow(Source source) throws InterruptedException {
        return poll(source, false);
    }

    private Round poll(Source source, boolean onlyDue) throws InterruptedException {
        Round round = Round.NONE;
        for (Target first : source.targets(today())) {
            if (onlyDue && !state(first).isDue(clock.instant())) {
                continue;
            }
            Optional<Target> next = Optional.of(first);
            while (next.isPresent()) {
                Target target = next.get();
                Polled polled = pollOne(target);
                round = round.plus(polled.round());
                SourceState after = polled.state();
                next = after.lastError() == null
                        ? source.nextPage(target.url(), after.papers()).map(url -> new Target(source, url))
                        : Optional.empty();
            }
        }
        return round;
    }

    private record Polled(SourceState state, Round round) {}

    /** Polls one target, publishes its page if it changed, and saves its new state once that is acknowledged. */
    private Polled pollOne(Target target) throws InterruptedException {
        PollOutcome outcome = poller.poll(target, state(target));
        SourceState next = outcome.state();
        int published = 0;
        int failed = 0;
        metrics.polled(target, next.lastStatus(), next.lastError());
        if (outcome.page().isPresent()) {
            metrics.fetched(target, outcome.page().get().body().length);
            try {
                publisher.publish(rawPage(outcome.page().get())).get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                next = outcome.afterPublish();
                published++;
                metrics.published(target, true);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // not acknowledged: the old validators stay, so the next poll fetches the page again
                failed++;
                metrics.published(target, false);
                log.error("source {}: page not published: {}", target.id(), e.getMessage());
            }
        }
        if (next.lastError() != null) {
            failed++;
            log.warn("source {}: {}", target.id(), next.lastError());
        }
        log.debug("source {}: HTTP {}, next due {}", target.id(), next.lastStatus(), next.nextDueAt());
        try {
            store.save(target.id(), next);
        } catch (RuntimeException e) {
            failed++;
            next = poller.notSaved(next, clock.instant(), "state not saved: " + e.getMessage());
            log.error("source {}: {}; polled again at {}", target.id(), next.lastError(), next.nextDueAt());
        }
        states.put(target.id(), next);
        return new Polled(next, new Round(1, published, failed));
    }

    /** The state of every URL the source polls: each of its targets and the pages that follow them. */
    List<SourceState> states(Source source) {
        List<SourceState> all = new ArrayList<>();
        for (Target first : source.targets(today())) {
            Optional<Target> next = Optional.of(first);
            while (next.isPresent()) {
                SourceState state = state(next.get());
                all.add(state);
                next = source.nextPage(next.get().url(), state.papers()).map(url -> new Target(source, url));
            }
        }
        return all;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The state of a source's own URL (its first target). */
    SourceState state(Source source) {
        return state(source.targets(today()).get(0));
    }

    SourceState state(Target target) {
        return states.getOrDefault(target.id(), SourceState.initial());
    }

    /** When the next source is due; now when one never polled is waiting. */
    Instant nextDue() {
        return nextDue(sources);
    }

    /** When the next target of the group's sources is due; now when one never polled is waiting. */
    Instant nextDue(Collection<Source> group) {
        return group.stream()
                .flatMap(s -> s.targets(today()).stream())
                .map(t -> state(t).nextDueAt())
                .map(due -> due == null ? clock.instant() : due)
                .min(Instant::compareTo)
                .orElse(clock.instant());
    }

    private RawPage rawPage(PolledPage page) {
        return PageReader.rawPage(
                page.target().url().toString(),
                page.source().kind().pageFormat(),
                clock.instant(),
                page.contentType(),
                page.body(),
                page.sha256());
    }
}
