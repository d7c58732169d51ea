package dev.digestpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.ingest.fetch.HostGate;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceKind;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStates;
import dev.digestpipeline.schemas.RawPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop's failure path, with a producer that refuses the page; the happy path runs on the real stack (IT). */
class PollingLoopTest {
    private static final byte[] FEED = "<rss/>".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private PageFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/query", exchange -> {
            // five results in all, asked two by two
            String query = exchange.getRequestURI().getRawQuery();
            int start = Integer.parseInt(query.replaceAll(".*start=(\\d+).*", "$1"));
            byte[] page = "<entry/>".repeat(Math.max(0, Math.min(2, 5 - start))).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length == 0 ? -1 : page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.createContext("/feed", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"1\"");
            exchange.sendResponseHeaders(200, FEED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(FEED);
            }
        });
        server.start();
        fetcher = new PageFetcher(UserAgent.of("test", ""), 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    @Test
    void aPageKafkaRefusedKeepsTheOldValidatorsSoTheNextPollFetchesItAgain() throws Exception {
        MockProducer<String, RawPage> refusing =
                new MockProducer<>(false, null, new StringSerializer(), (Serializer<RawPage>) (t, p) -> new byte[0]);
        Source feed = new Source(
                SourceKind.ARXIV_RSS,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed"),
                Duration.ofHours(1));
        InMemorySourceStates states = new InMemorySourceStates();
        FeedPoller poller = new FeedPoller(
                fetcher,
                new HostGate(Duration.ZERO, Duration.ZERO),
                new SplittableRandom(1),
                Clock.systemUTC(),
                d -> {});
        PollingLoop loop = new PollingLoop(
                List.of(feed),
                poller,
                new PagePublisher(refusing, "digest.pages.raw", 1 << 20),
                states,
                Clock.systemUTC());
        Thread broker = new Thread(() -> {
            while (!refusing.errorNext(new KafkaException("broker down"))) {
                Thread.onSpinWait();
            }
        });
        broker.start();
        assertEquals(new PollingLoop.Round(1, 0, 1), loop.pollDue());
        broker.join();
        SourceState saved = states.saved.get(feed.id());
        assertNull(saved.etag());
        assertNull(saved.bodySha256());
        assertEquals(200, saved.lastStatus());
    }

    @Test
    void aStateThatCannotBeSavedBacksOffLikeAFailedFetchInsteadOfPollingAgainAtOnce() throws Exception {
        Source feed = new Source(
                SourceKind.ARXIV_RSS,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed"),
                Duration.ofMinutes(1));
        SourceStates down = new SourceStates() {
            @Override
            public Map<String, SourceState> load() {
                return Map.of();
            }

            @Override
            public void save(String sourceId, SourceState state) {
                throw new IllegalStateException("could not save the state of " + sourceId + ": broker down");
            }
        };
        Instant now = Instant.parse("2026-12-08T07:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        FeedPoller poller = new FeedPoller(
                fetcher, new HostGate(Duration.ZERO, Duration.ZERO), new SplittableRandom(1), clock, d -> {});
        MockProducer<String, RawPage> acking =
                new MockProducer<>(true, null, new StringSerializer(), (Serializer<RawPage>) (t, p) -> new byte[0]);
        PollingLoop loop = new PollingLoop(
                List.of(feed), poller, new PagePublisher(acking, "digest.pages.raw", 1 << 20), down, clock);
        assertEquals(new PollingLoop.Round(1, 1, 1), loop.pollDue());
        SourceState kept = loop.states(feed).get(0);
        assertEquals("state not saved: could not save the state of " + feed.id() + ": broker down", kept.lastError());
        assertEquals(1, kept.failures());
        // the first backoff of a failed fetch (60 s, ±10 %), not the next round
        assertTrue(
                !kept.nextDueAt().isBefore(now.plusSeconds(54)),
                kept.nextDueAt().toString());
        assertEquals(PollingLoop.Round.NONE, loop.pollDue());
        assertEquals(1, acking.history().size(), "fetched and published once");
    }

    @Test
    void anArxivApiQueryIsPagedUntilAPageComesBackShort() throws Exception {
        MockProducer<String, RawPage> acking =
                new MockProducer<>(true, null, new StringSerializer(), (Serializer<RawPage>) (t, p) -> new byte[0]);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/query?search_query=cat:cs.CL";
        Source query = new Source(SourceKind.ARXIV_API, URI.create(base + "&max_results=2"), Duration.ofHours(1));
        FeedPoller poller = LoopbackPollers.poller(
                fetcher, page -> new String(page.body(), StandardCharsets.UTF_8).split("<entry/>", -1).length - 1);
        InMemorySourceStates states = new InMemorySourceStates();
        PollingLoop loop = new PollingLoop(
                List.of(query),
                poller,
                new PagePublisher(acking, "digest.pages.raw", 1 << 20),
                states,
                Clock.systemUTC());
        assertEquals(new PollingLoop.Round(3, 3, 0), loop.pollDue());
        assertEquals(
                List.of(
                        base + "&max_results=2&start=0",
                        base + "&max_results=2&start=2",
                        base + "&max_results=2&start=4"),
                acking.history().stream().map(r -> r.key()).toList());
        assertEquals(
                1,
                states.saved.get("arxiv-api," + base + "&max_results=2&start=4").papers());
    }
}
