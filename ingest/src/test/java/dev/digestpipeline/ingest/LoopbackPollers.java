package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.fetch.HostGate;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.PolledPage;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/** Pollers for tests against a loopback server: no gap between requests, no sleeping, a seeded jitter. */
final class LoopbackPollers {
    private LoopbackPollers() {}

    static FeedPoller poller(PageFetcher fetcher, ToIntFunction<PolledPage> papers) {
        return new FeedPoller(
                fetcher,
                new HostGate(Duration.ZERO, Duration.ZERO),
                new SplittableRandom(1),
                Clock.systemUTC(),
                d -> {},
                papers);
    }
}
