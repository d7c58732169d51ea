package dev.digestpipeline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A feed site on 127.0.0.1 for the tests: serves pages with an ETag (and 304 to a matching If-None-Match), a
 * robots.txt, pages that answer 429 with Retry-After a given number of times first, and logs every request.
 */
final class LocalFeedServer implements AutoCloseable {
    /** One request as the server saw it: its path, and its path with the query. */
    record Request(Instant at, String path, String target, String userAgent, int status) {}

    @SuppressWarnings("ArrayRecordComponent") // served as it is, never compared
    private record Page(String contentType, byte[] body, int throttleFirst, int retryAfterSeconds) {}

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String robots = "";

    LocalFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    LocalFeedServer robots(String text) {
        robots = text;
        return this;
    }

    LocalFeedServer page(String path, String contentType, byte[] body) {
        return throttledPage(path, contentType, body, 0, 0);
    }

    /** A page that answers 429 with Retry-After the first {@code times} requests. */
    LocalFeedServer throttledPage(String path, String contentType, byte[] body, int times, int retryAfterSeconds) {
        pages.put(path, new Page(contentType, body, times, retryAfterSeconds));
        throttled.put(path, new AtomicInteger());
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for a page, by the path and query it was added with. */
    List<Request> requests(String page) {
        return requests.stream()
                .filter(r -> r.target().equals(page) || r.path().equals(page))
                .toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String path = exchange.getRequestURI().getRawPath();
        String target = path
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        // a page is served at its path and query, or at its path whatever the query (the daily papers' dates)
        String served = pages.containsKey(target) ? target : path;
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        int status;
        byte[] body = new byte[0];
        if (path.equals("/robots.txt")) {
            status = 200;
            body = robots.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
        } else if (!pages.containsKey(served)) {
            status = 404;
        } else {
            Page page = pages.get(served);
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(page.body())) + "\"";
            if (throttled.get(served).getAndIncrement() < page.throttleFirst()) {
                status = 429;
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(page.retryAfterSeconds()));
            } else if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                status = 304;
                exchange.getResponseHeaders().add("ETag", etag);
            } else {
                status = 200;
                body = page.body();
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.getResponseHeaders().add("Content-Type", page.contentType());
            }
        }
        requests.add(new Request(at, path, target, agent, status));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
