package dev.digestpipeline.ingest.poll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.ingest.fetch.HostGate;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.testsupport.TestClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller's rules against a real HTTP server on 127.0.0.1, on a clock the test moves (no sleeps). */
class FeedPollerTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** A first poll reads robots.txt at T0, so its own request waits the host's 1 s gap. */
    private static final Instant SENT = T0.plusSeconds(1);

    private static final Duration EVERY = Duration.ofMinutes(10);

    /** Random draws in the middle, so jitter is zero and times are exact. */
    private static final RandomGenerator MIDDLE = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    private HttpServer server;
    private PageFetcher fetcher;
    private FeedPoller poller;
    /** A clock the sleeper moves: waiting costs no time. */
    private final TestClock clock = new TestClock(T0);

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> agents = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private volatile String robots = "User-agent: *\nDisallow: /private/\n";
    private volatile int status = 200;
    private volatile String retryAfter;
    private volatile String rateLimit;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        pages.put("/feed", "<rss>one</rss>".getBytes(StandardCharsets.UTF_8));
        pages.put("/plain", "no validators here".getBytes(StandardCharsets.UTF_8));
        fetcher = new PageFetcher(
                UserAgent.of("1.0", "ops@example.org"), 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5));
        poller = new FeedPoller(
                fetcher, new HostGate(Duration.ofSeconds(3), Duration.ofSeconds(1)), MIDDLE, clock, d -> {
                    slept.add(d);
                    clock.advance(d);
                });
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        if (path.equals("/robots.txt")) {
            send(exchange, 200, robots.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (status != 200) {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            if (rateLimit != null) {
                exchange.getResponseHeaders().add("RateLimit", rateLimit);
            }
            send(exchange, status, new byte[0]);
            return;
        }
        byte[] body = pages.get(path);
        if (path.equals("/feed")) {
            String etag = "\"" + body.length + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", etag);
        }
        send(exchange, body == null ? 404 : 200, body == null ? new byte[0] : body);
    }

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A poller like the test's that says every changed page holds this many papers. */
    private FeedPoller countingPoller(int papers) {
        return new FeedPoller(
                fetcher,
                new HostGate(Duration.ofSeconds(3), Duration.ofSeconds(1)),
                MIDDLE,
                clock,
                clock::advance,
                page -> papers);
    }

    private Source source(String path) {
        return new Source(
                SourceKind.ARXIV_RSS,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                EVERY);
    }

    @Test
    void aNewPageIsPublishedAndItsValidatorsKeptOnlyForAfterTheAck() throws Exception {
        PollOutcome first = poller.poll(source("/feed"), SourceState.initial());
        assertArrayEquals(pages.get("/feed"), first.page().orElseThrow().body());
        assertEquals(null, first.state().etag());
        assertEquals("\"14\"", first.afterPublish().etag());
        assertEquals(SENT, first.afterPublish().lastPollAt());
        assertEquals(SENT.plus(EVERY), first.afterPublish().nextDueAt());
    }

    @Test
    void theNextPollIsConditionalAndA304PublishesNothing() throws Exception {
        PollOutcome first = poller.poll(source("/feed"), SourceState.initial());
        clock.advance(EVERY);
        PollOutcome second = poller.poll(source("/feed"), first.afterPublish());
        assertTrue(second.page().isEmpty());
        assertEquals(304, second.state().lastStatus());
        assertEquals("\"14\"", second.state().etag());
    }

    @Test
    void theSameBytesAgainWithoutValidatorsPublishNothing() throws Exception {
        PollOutcome first = poller.poll(source("/plain"), SourceState.initial());
        clock.advance(EVERY);
        PollOutcome second = poller.poll(source("/plain"), first.afterPublish());
        assertTrue(second.page().isEmpty());
        assertEquals(200, second.state().lastStatus());
    }

    @Test
    void aCrashBeforeTheAckFetchesThePageAgain() throws Exception {
        PollOutcome first = poller.poll(source("/feed"), SourceState.initial());
        clock.advance(EVERY);
        // the page was never acknowledged, so the state saved is first.state(), not first.afterPublish()
        PollOutcome again = poller.poll(source("/feed"), first.state());
        assertTrue(again.page().isPresent());
    }

    @Test
    void a429WaitsWhatItsRetryAfterSays() throws Exception {
        status = 429;
        retryAfter = "120";
        PollOutcome outcome = poller.poll(source("/feed"), SourceState.initial());
        assertEquals(SENT.plusSeconds(120), outcome.state().nextDueAt());
        assertEquals(1, outcome.state().failures());
        assertEquals(429, outcome.state().lastStatus());
    }

    @Test
    void a429WithOnlyARateLimitHeaderWaitsForItsReset() throws Exception {
        status = 429;
        rateLimit = "\"api\";r=0;t=42";
        PollOutcome outcome = poller.poll(source("/feed"), SourceState.initial());
        assertEquals(SENT.plusSeconds(42), outcome.state().nextDueAt());
    }

    @Test
    void a503WithoutRetryAfterBacksOffFromAMinuteDoublingAndASuccessResetsIt() throws Exception {
        status = 503;
        PollOutcome first = poller.poll(source("/feed"), SourceState.initial());
        assertEquals(SENT.plusSeconds(60), first.state().nextDueAt());
        clock.advance(Duration.ofMinutes(1));
        PollOutcome second = poller.poll(source("/feed"), first.state());
        assertEquals(SENT.plusSeconds(60 + 120), second.state().nextDueAt());
        assertEquals(2, second.state().failures());
        status = 200;
        clock.advance(Duration.ofMinutes(2));
        PollOutcome recovered = poller.poll(source("/feed"), second.state());
        assertEquals(0, recovered.afterPublish().failures());
        assertEquals(clock.instant().plus(EVERY), recovered.afterPublish().nextDueAt());
    }

    @Test
    void aMissingPageMarksTheSourceFailedAndTriesAgainAtItsInterval() throws Exception {
        PollOutcome outcome = poller.poll(source("/gone"), SourceState.initial());
        assertEquals(404, outcome.state().lastStatus());
        assertEquals("HTTP 404 from " + source("/gone").url(), outcome.state().lastError());
        assertEquals(SENT.plus(EVERY), outcome.state().nextDueAt());
        assertEquals(0, outcome.state().failures());
    }

    @Test
    void aPathRobotsDisallowsIsNeverRequested() throws Exception {
        pages.put("/private/feed", new byte[] {1});
        PollOutcome outcome = poller.poll(source("/private/feed"), SourceState.initial());
        assertTrue(outcome.page().isEmpty());
        assertEquals(
                "disallowed by " + source("/robots.txt").url(), outcome.state().lastError());
        assertEquals(List.of("/robots.txt"), requests);
    }

    @Test
    void requestsToOneHostKeepTheirGapAndEveryOneNamesUs() throws Exception {
        poller.poll(source("/feed"), SourceState.initial());
        poller.poll(source("/plain"), SourceState.initial());
        // robots.txt, then /feed one gap later, then /plain one gap after that: 127.0.0.1 is no arXiv host, so 1 s
        assertEquals(List.of("/robots.txt", "/feed", "/plain"), requests);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), slept);
        assertEquals(
                3,
                agents.stream()
                        .filter(("digest-pipeline/1.0 (+" + UserAgent.PROJECT_URL + "; ops@example.org)")::equals)
                        .count());
    }

    @Test
    void aSourceIsDueAtItsTimeAndWhenTheClockWentBack() throws Exception {
        SourceState state = poller.poll(source("/feed"), SourceState.initial()).afterPublish();
        assertFalse(state.isDue(SENT.plus(EVERY).minusSeconds(1)));
        assertTrue(state.isDue(SENT.plus(EVERY)));
        assertTrue(state.isDue(T0.minusSeconds(30)));
    }

    @Test
    void anEmptyFirstPageFromTheArxivApiIsRetriedLaterNotPublished() throws Exception {
        pages.put("/api/query", "<feed/>".getBytes(StandardCharsets.UTF_8));
        FeedPoller counting = countingPoller(0);
        Source query = new Source(
                SourceKind.ARXIV_API,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/query?search_query=cat:cs.CL"),
                EVERY);
        Target first = query.targets(LocalDate.of(2026, 11, 27)).get(0);
        PollOutcome outcome = counting.poll(first, SourceState.initial());
        assertTrue(outcome.page().isEmpty());
        assertEquals(SENT.plusSeconds(60), outcome.state().nextDueAt());
        assertEquals(1, outcome.state().failures());
        assertEquals(
                "empty answer from " + first.url() + ", retried later",
                outcome.state().lastError());
        assertEquals(null, outcome.state().bodySha256());
    }

    @Test
    void aChangedPageCarriesItsPaperCount() throws Exception {
        FeedPoller counting = countingPoller(7);
        assertEquals(
                7,
                counting.poll(source("/feed"), SourceState.initial())
                        .afterPublish()
                        .papers());
    }

    @Test
    void anArxivFeedWithoutAnIntervalIsPolledAgainAfterArxivsNextRebuild() throws Exception {
        // T0 is Friday 07:00 US Eastern: the feed changed after Friday's rebuild, so Monday's is next
        Source feed =
                Source.parse("arxiv-rss,http://127.0.0.1:" + server.getAddress().getPort() + "/feed");
        PollOutcome changed = poller.poll(feed, SourceState.initial());
        assertEquals(
                Instant.parse("2026-11-30T05:10:00Z"), changed.afterPublish().nextDueAt());
        // had Kafka not acknowledged it, the feed would be polled again within the hour
        assertEquals(SENT.plus(Duration.ofHours(1)), changed.state().nextDueAt());
    }

    @Test
    void aHostsCrawlDelayStretchesItsGap() throws Exception {
        robots = "User-agent: *\nCrawl-delay: 5\n";
        poller.poll(source("/feed"), SourceState.initial());
        poller.poll(source("/plain"), SourceState.initial());
        // robots.txt goes first; /feed then waits the 5 s it asks instead of the 1 s gap, and /plain again
        assertEquals(List.of("/robots.txt", "/feed", "/plain"), requests);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), slept);
    }
}
