package dev.digestpipeline.ingest.poll;

import dev.digestpipeline.common.retry.Backoff;
import dev.digestpipeline.ingest.fetch.FetchResult;
import dev.digestpipeline.ingest.fetch.HostGate;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.PageTooLargeException;
import dev.digestpipeline.ingest.fetch.RetryAfter;
import dev.digestpipeline.ingest.fetch.Sha256;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * One poll of one source, politely: robots.txt first, then the host's gap since its last request, then a conditional
 * GET with the validators of the last published page. A 304, or a 200 with the same bytes as the last published
 * page, publishes nothing. 429 and 503 (and 5xx, network errors, timeouts) back off, honouring Retry-After; any other
 * 4xx marks the source failed and tries again at its normal interval, never giving up on it. The next poll is due
 * one interval later, ±10 % so that sources drift apart. One poller serves every host thread of the poller app:
 * each host is polled from one thread only, so its robots.txt and its gap are never raced.
 */
public final class FeedPoller {
    /** How the poller waits for a host's gap; tests pass one that moves their clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * After a failed poll without Retry-After: a minute, doubling with each failure in a row up to Retry-After's
     * cap (a day), ±10 % so that sources do not retry in lockstep; a success goes back to the normal interval.
     */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(60);

    static final double JITTER = 0.10;

    private final PageFetcher fetcher;
    private final HostGate gate;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RobotsRules robots;
    private final ToIntFunction<PolledPage> papers;

    /** A poller that does not count papers (-1): an empty answer is then never taken for a spurious one. */
    public FeedPoller(PageFetcher fetcher, HostGate gate, RandomGenerator random, Clock clock, Sleeper sleeper) {
        this(fetcher, gate, random, clock, sleeper, page -> -1);
    }

    /** @param papers counts the papers of a changed page (-1 when it cannot tell) */
    public FeedPoller(
            PageFetcher fetcher,
            HostGate gate,
            RandomGenerator random,
            Clock clock,
            Sleeper sleeper,
            ToIntFunction<PolledPage> papers) {
        this.papers = papers;
        this.fetcher = fetcher;
        this.gate = gate;
        this.backoff = new Backoff(FIRST_BACKOFF, RetryAfter.CAP, JITTER, random);
        this.clock = clock;
        this.sleeper = sleeper;
        this.robots = new RobotsRules(this::fetchInTurn, clock);
    }

    /** Polls a source's own URL. */
    public PollOutcome poll(Source source, SourceState state) throws InterruptedException {
        return poll(Target.of(source), state);
    }

    /** Polls one URL of a source, with that URL's state. */
    public PollOutcome poll(Target target, SourceState state) throws InterruptedException {
        Source source = target.source();
        URI url = target.url();
        String refusal = robots.refusal(url);
        if (!refusal.isEmpty()) {
            Instant now = clock.instant();
            return PollOutcome.without(
                    state.polled(now, 0, refusal, nextRegular(now, source, state.lastChangedAt()), 0));
        }
        awaitTurn(url);
        Instant sent = clock.instant();
        FetchResult answer;
        try {
            answer = fetcher.fetch(url, state.etag(), state.lastModified());
        } catch (PageTooLargeException e) {
            return PollOutcome.without(
                    state.polled(sent, 0, e.getMessage(), nextRegular(sent, source, state.lastChangedAt()), 0));
        } catch (IOException e) {
            return backOff(state, sent, 0, "no answer: " + e, Optional.empty());
        } finally {
            gate.done(url, clock.instant());
        }
        int status = answer.status();
        if (answer.isNotModified()) {
            return PollOutcome.without(
                    state.polled(sent, status, null, nextRegular(sent, source, state.lastChangedAt()), 0));
        }
        if (answer.isOk()) {
            String sha = Sha256.hex(answer.body());
            SourceState polled = state.polled(sent, status, null, nextRegular(sent, source, state.lastChangedAt()), 0);
            if (sha.equals(state.bodySha256())) {
                return PollOutcome.without(polled);
            }
            PolledPage page = new PolledPage(target, answer.finalUri(), answer.contentType(), answer.body(), sha);
            int count = papers.applyAsInt(page);
            if (count == 0 && source.kind() == SourceKind.ARXIV_API && ArxivApiPages.isFirst(url)) {
                // the API answers empty now and then when it is not: retried later, never published as "no papers"
                return backOff(state, sent, status, "empty answer from " + url + ", retried later", Optional.empty());
            }
            return new PollOutcome(
                    polled,
                    Optional.of(page),
                    state.polled(sent, status, null, nextRegular(sent, source, sent), 0)
                            .withPage(answer.etag(), answer.lastModified(), sha)
                            .withPapers(count));
        }
        String error = "HTTP " + status + " from " + answer.finalUri();
        if (answer.isThrottled() || status / 100 == 5) {
            return backOff(state, sent, status, error, RetryAfter.parse(answer.retryAfter(), sent));
        }
        return PollOutcome.without(
                state.polled(sent, status, error, nextRegular(sent, source, state.lastChangedAt()), 0));
    }

    /**
     * The state after it could not be saved: kept in memory with the error, due again after the same backoff as a
     * failed fetch, so a state store that is down is not met with a fetch and a publish every round.
     */
    public SourceState notSaved(SourceState state, Instant at, String error) {
        int failures = state.failures() + 1;
        return state.polled(at, state.lastStatus(), error, at.plus(backoff.after(failures)), failures);
    }

    private PollOutcome backOff(
            SourceState state, Instant at, int status, String error, Optional<Duration> retryAfter) {
        int failures = state.failures() + 1;
        return PollOutcome.without(state.polled(
                at, status, error, at.plus(retryAfter.orElseGet(() -> backoff.after(failures))), failures));
    }

    /** The next poll after a normal answer: one interval on, or on arXiv's timetable for the feeds that follow it. */
    private Instant nextRegular(Instant from, Source source, Instant lastChangedAt) {
        if (source.followsArxivTimetable()) {
            return ArxivSchedule.next(from, lastChangedAt, source.every(), backoff::jittered);
        }
        return from.plus(backoff.jittered(source.every()));
    }

    /** Waits out the host's gap (or its robots.txt's Crawl-delay) since its last request ended. */
    private void awaitTurn(URI url) throws InterruptedException {
        Duration wait = gate.waitBefore(url, clock.instant(), robots.crawlDelay(url));
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** A plain GET in the host's turn, as robots.txt is read. */
    private FetchResult fetchInTurn(URI url) throws IOException, InterruptedException {
        awaitTurn(url);
        try {
            return fetcher.fetch(url);
        } finally {
            gate.done(url, clock.instant());
        }
    }
}
