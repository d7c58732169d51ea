package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.PollOutcome;
import dev.digestpipeline.ingest.poll.PolledPage;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStates;
import dev.digestpipeline.schemas.RawPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    PollingLoop(List<Source> sources, FeedPoller poller, PagePublisher publisher, SourceStates store, Clock clock) {
        this.sources = List.copyOf(sources);
        this.poller = poller;
        this.publisher = publisher;
        this.store = store;
        this.clock = clock;
        this.states = new ConcurrentHashMap<>(store.load());
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
     * Polls each due source of the group once, in order. The poller service calls this from one thread per host
     * with that host's sources, so that no host ever has two requests in flight.
     */
    Round pollDue(Collection<Source> group) throws InterruptedException {
        int polled = 0;
        int published = 0;
        int failed = 0;
        for (Source source : group) {
            SourceState state = state(source);
            if (!state.isDue(clock.instant())) {
                continue;
            }
            polled++;
            PollOutcome outcome = poller.poll(source, state);
            SourceState next = outcome.state();
            if (outcome.page().isPresent()) {
                try {
                    publisher.publish(rawPage(outcome.page().get())).get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    next = outcome.afterPublish()
                            .withPapers(PaperCounter.count(outcome.page().get()));
                    published++;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    // not acknowledged: the old validators stay, so the next poll fetches the page again
                    failed++;
                    log.error("source {}: page not published: {}", source.id(), e.getMessage());
                }
            }
            if (next.lastError() != null) {
                failed++;
                log.warn("source {}: {}", source.id(), next.lastError());
            }
            log.debug("source {}: HTTP {}, next due {}", source.id(), next.lastStatus(), next.nextDueAt());
            store.save(source.id(), next);
            states.put(source.id(), next);
        }
        return new Round(polled, published, failed);
    }

    SourceState state(Source source) {
        return states.getOrDefault(source.id(), SourceState.initial());
    }

    /** When the next source is due; now when one never polled is waiting. */
    Instant nextDue() {
        return nextDue(sources);
    }

    /** When the next source of the group is due; now when one never polled is waiting. */
    Instant nextDue(Collection<Source> group) {
        return group.stream()
                .map(s -> state(s).nextDueAt())
                .map(due -> due == null ? clock.instant() : due)
                .min(Instant::compareTo)
                .orElse(clock.instant());
    }

    private RawPage rawPage(PolledPage page) {
        return PageReader.rawPage(
                page.source().url().toString(),
                page.source().kind().pageFormat(),
                clock.instant(),
                page.contentType(),
                page.body(),
                page.sha256());
    }
}
