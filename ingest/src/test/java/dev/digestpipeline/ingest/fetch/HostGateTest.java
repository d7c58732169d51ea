package dev.digestpipeline.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostGateTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private final HostGate gate = new HostGate(Duration.ofSeconds(3), Duration.ofSeconds(1));

    @Test
    void aHostNotAskedYetMayBeAskedAtOnce() {
        assertEquals(Duration.ZERO, gate.waitBefore(URI.create("https://export.arxiv.org/api/query"), T0));
    }

    @Test
    void arxivHostsWaitThreeSecondsBetweenRequests() {
        gate.done(URI.create("https://export.arxiv.org/api/query?start=0"), T0);
        assertEquals(
                Duration.ofMillis(2500),
                gate.waitBefore(URI.create("https://export.arxiv.org/api/query?start=100"), T0.plusMillis(500)));
        assertEquals(Duration.ZERO, gate.waitBefore(URI.create("https://export.arxiv.org/x"), T0.plusSeconds(3)));
    }

    @Test
    void otherHostsWaitOneSecondAndDoNotWaitForEachOther() {
        gate.done(URI.create("https://huggingface.co/api/daily_papers"), T0);
        assertEquals(
                Duration.ofMillis(800),
                gate.waitBefore(URI.create("https://HuggingFace.co/papers"), T0.plusMillis(200)));
        assertEquals(Duration.ZERO, gate.waitBefore(URI.create("https://rss.arxiv.org/rss/cs.AI"), T0));
    }

    @Test
    void aCrawlDelayLongerThanTheGapIsWaitedUpToThirtySeconds() {
        URI feed = URI.create("https://example.org/feed");
        gate.done(feed, T0);
        assertEquals(Duration.ofSeconds(5), gate.waitBefore(feed, T0, Duration.ofSeconds(5)));
        assertEquals(Duration.ofSeconds(1), gate.waitBefore(feed, T0, Duration.ofMillis(200)));
        assertEquals(HostGate.MAX_CRAWL_DELAY, gate.waitBefore(feed, T0, Duration.ofMinutes(10)));
    }
}
