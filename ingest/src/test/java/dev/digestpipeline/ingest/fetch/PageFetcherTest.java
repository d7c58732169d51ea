package dev.digestpipeline.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1. */
class PageFetcherTest {
    private static final int CAP = 1000;
    private static final String AGENT = UserAgent.of("1.0", "ops@example.org");

    private HttpServer server;
    private ExecutorService threads;
    private PageFetcher fetcher;
    private final List<String> agents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/page", exchange -> {
            agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.getResponseHeaders().add("Last-Modified", "Fri, 27 Nov 2026 06:00:00 GMT");
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            send(exchange, 200, "hello".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/hop/", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hop/".length()));
            if (left == 0) {
                send(exchange, 200, "landed".getBytes(StandardCharsets.UTF_8));
            } else {
                exchange.getResponseHeaders().add("Location", "/hop/" + (left - 1));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
        });
        server.createContext("/big", exchange -> send(exchange, 200, new byte[CAP + 1]));
        server.createContext("/exact", exchange -> send(exchange, 200, new byte[CAP]));
        server.createContext("/busy", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "120");
            send(exchange, 429, "slow down".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[10]);
                out.flush();
                Thread.sleep(5_000);
            } catch (InterruptedException | IOException e) {
                // the client gave up: that is the point
            }
        });
        server.createContext("/failing-forever", exchange -> {
            // a 5xx whose body never ends
            exchange.sendResponseHeaders(503, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(new byte[1024]);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up: that is the point
            }
        });
        server.createContext("/failing-silently", exchange -> {
            // a 5xx that sends its headers, then nothing
            exchange.sendResponseHeaders(503, 100);
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        fetcher = new PageFetcher(AGENT, CAP, Duration.ofSeconds(2), Duration.ofMillis(700));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
        threads.shutdownNow();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aPageComesWithItsValidatorsAndEveryRequestNamesUs() throws Exception {
        FetchResult result = fetcher.fetch(at("/page"));
        assertEquals(200, result.status());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), result.body());
        assertEquals("\"v1\"", result.etag());
        assertEquals("Fri, 27 Nov 2026 06:00:00 GMT", result.lastModified());
        assertEquals("text/plain; charset=utf-8", result.contentType());
        assertEquals(List.of("digest-pipeline/1.0 (+" + UserAgent.PROJECT_URL + "; ops@example.org)"), agents);
    }

    @Test
    void theValidatorsOfTheLastFetchGetA304WithNoBody() throws Exception {
        FetchResult result = fetcher.fetch(at("/page"), "\"v1\"", "Fri, 27 Nov 2026 06:00:00 GMT");
        assertTrue(result.isNotModified());
        assertEquals(0, result.body().length);
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlKept() throws Exception {
        FetchResult result = fetcher.fetch(at("/hop/5"));
        assertEquals(200, result.status());
        assertEquals(at("/hop/5"), result.requested());
        assertEquals(at("/hop/0"), result.finalUri());
    }

    @Test
    void moreThanFiveRedirectsIsAnError() {
        IOException e = assertThrows(IOException.class, () -> fetcher.fetch(at("/hop/6")));
        assertEquals(at("/hop/6") + " redirects more than 5 times", e.getMessage());
    }

    @Test
    void aBodyOneByteOverTheCapIsRefusedWhole() {
        PageTooLargeException e = assertThrows(PageTooLargeException.class, () -> fetcher.fetch(at("/big")));
        assertEquals(
                at("/big") + " is larger than 1000 bytes: refused, not truncated (max.page.bytes)", e.getMessage());
    }

    @Test
    void aBodyOfExactlyTheCapIsKept() throws Exception {
        assertEquals(CAP, fetcher.fetch(at("/exact")).body().length);
    }

    @Test
    void aThrottledAnswerCarriesItsRetryAfter() throws Exception {
        FetchResult result = fetcher.fetch(at("/busy"));
        assertTrue(result.isThrottled());
        assertEquals("120", result.retryAfter());
        assertEquals(0, result.body().length);
    }

    @Test
    void aBodyThatStallsEndsAtTheResponseDeadline() {
        long started = System.nanoTime();
        HttpTimeoutException e = assertThrows(HttpTimeoutException.class, () -> fetcher.fetch(at("/slow")));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(at("/slow") + " did not send its whole body in time", e.getMessage());
        assertTrue(tookMs < 4_000, "took " + tookMs + " ms");
    }

    @Test
    void anErrorAnswerWhoseBodyNeverEndsIsItsStatusAfterACappedRead() throws Exception {
        FetchResult result = fetcher.fetch(at("/failing-forever"));
        assertEquals(503, result.status());
        assertEquals(0, result.body().length);
    }

    @Test
    void anErrorAnswerWhoseBodyStallsIsItsStatusAtTheResponseDeadline() throws Exception {
        long started = System.nanoTime();
        FetchResult result = fetcher.fetch(at("/failing-silently"));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, result.status());
        assertTrue(tookMs < 4_000, "took " + tookMs + " ms");
    }
}
