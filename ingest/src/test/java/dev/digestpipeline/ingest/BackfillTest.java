package dev.digestpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.schemas.RawPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backfill's walk over days, against a loopback daily-papers API, with the states kept in memory. */
class BackfillTest {
    private static final LocalDate SINCE = LocalDate.of(2026, 11, 20);
    private static final LocalDate UNTIL = LocalDate.of(2026, 11, 22);

    private HttpServer server;
    private PageFetcher fetcher;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    /** Days the API answers 503 for, as long as they are in the set. */
    private final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final InMemorySourceStates states = new InMemorySourceStates();
    private final List<Duration> waited = new ArrayList<>();
    private MockProducer<String, RawPage> kafka;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/daily_papers", exchange -> {
            String day = exchange.getRequestURI().getRawQuery().replace("date=", "");
            asked.add(day);
            int status = failing.contains(day) ? 503 : 200;
            byte[] body = ("[{\"paper\":{\"id\":\"" + day + "\"}}]").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (status == 200) {
                    out.write(body);
                }
            }
        });
        server.start();
        fetcher = new PageFetcher(UserAgent.of("test", ""), 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5));
        kafka = new MockProducer<>(true, null, new StringSerializer(), (Serializer<RawPage>) (t, p) -> new byte[0]);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    private Source api() {
        return Source.parse(
                "hf-daily-api,http://127.0.0.1:" + server.getAddress().getPort() + "/api/daily_papers");
    }

    /** A backfill as a new run makes it: its loop and its checkpoints read from the states saved so far. */
    private Backfill backfill() {
        FeedPoller poller = LoopbackPollers.poller(fetcher, page -> 1);
        PollingLoop loop = new PollingLoop(
                List.of(), poller, new PagePublisher(kafka, "digest.pages.raw", 1 << 20), states, Clock.systemUTC());
        return new Backfill(loop, states, Clock.systemUTC(), waited::add);
    }

    @Test
    void eachDayIsPublishedOnceOldestFirstAndCheckpointed() throws Exception {
        Backfill.Summary summary = backfill().walk(api(), SINCE, UNTIL, line -> {});
        assertEquals(List.of("2026-11-20", "2026-11-21", "2026-11-22"), asked);
        assertEquals(
                List.of(
                        api().url() + "?date=2026-11-20",
                        api().url() + "?date=2026-11-21",
                        api().url() + "?date=2026-11-22"),
                kafka.history().stream().map(r -> r.key()).toList());
        assertEquals(new Backfill.Summary(3, 0, 3, 3, List.of()), summary);
        assertEquals(1, states.saved.get(Backfill.checkpointId(api(), SINCE)).papers());
    }

    @Test
    void runTwiceItFetchesAndPublishesNothing() throws Exception {
        backfill().walk(api(), SINCE, UNTIL, line -> {});
        asked.clear();
        Backfill.Summary again = backfill().walk(api(), SINCE, UNTIL, line -> {});
        assertEquals(List.of(), asked);
        assertEquals(3, kafka.history().size());
        assertEquals(new Backfill.Summary(0, 3, 0, 0, List.of()), again);
    }

    @Test
    void aDayTheSiteKeepsFailingIsLeftForALaterRunWhichResumesThere() throws Exception {
        failing.add("2026-11-21");
        Backfill.Summary first = backfill().walk(api(), SINCE, UNTIL, line -> {});
        assertEquals(Backfill.TRIES, asked.stream().filter("2026-11-21"::equals).count());
        // the backoff's waits between tries: 60 s, then 120 s (±10 %)
        assertEquals(2, waited.size());
        assertEquals(List.of("2026-11-21: HTTP 503 from " + api().url() + "?date=2026-11-21"), first.unfinished());
        failing.clear();
        asked.clear();
        Backfill.Summary resumed = backfill().walk(api(), SINCE, UNTIL, line -> {});
        assertEquals(List.of("2026-11-21"), asked);
        assertEquals(new Backfill.Summary(1, 2, 1, 1, List.of()), resumed);
    }

    @Test
    void aFeedHasNoDaysToWalk() {
        Source feed = Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CL");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> backfill().walk(feed, SINCE, UNTIL, line -> {}));
        assertEquals(
                "only hf-daily-api and arxiv-api sources have days to backfill, not arxiv-rss (a feed or a page shows "
                        + "only its latest state)",
                e.getMessage());
    }
}
