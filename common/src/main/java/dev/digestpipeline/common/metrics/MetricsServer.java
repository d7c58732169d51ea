package dev.digestpipeline.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.common.SuppressForbidden;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's operations endpoint, on its own small HTTP server (the JDK's):
 *
 * <ul>
 *   <li>{@code /metrics}: every meter of the app in the Prometheus text format;
 *   <li>{@code /health/live}: 200 while the process serves at all (a supervisor restarts it otherwise);
 *   <li>{@code /health/ready}: 200 when the app does its work, 503 with why when it does not (a broker out of reach,
 *       Kafka Streams rebalancing or failed);
 *   <li>{@code /health}: the same as ready, for tools that know one path.
 * </ul>
 *
 * Bound to loopback unless configured otherwise: metrics name topics and hosts.
 */
@SuppressForbidden(reason = "com.sun.net.httpserver is the JDK's exported, supported HTTP server (jdk.httpserver)")
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;

    private MetricsServer(HttpServer server, ExecutorService executor, String url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
    }

    /** Starts serving on host:port (port 0: any free port, the one taken is in {@link #url()}). */
    public static MetricsServer start(
            String app, MetricsAddress address, PrometheusMeterRegistry registry, Supplier<Health> health)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, app + "-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange)) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            }
        });
        server.createContext("/health/live", exchange -> {
            if (allowed(exchange)) {
                send(exchange, 200, "application/json", json(app, true, "the process serves"));
            }
        });
        server.createContext("/health", exchange -> {
            if (allowed(exchange)) {
                String path = exchange.getRequestURI().getPath();
                if (!path.equals("/health") && !path.equals("/health/ready")) {
                    send(exchange, 404, "text/plain; charset=utf-8", "no such path: " + path + "\n");
                    return;
                }
                Health now = health(health);
                send(exchange, now.ready() ? 200 : 503, "application/json", json(app, now.ready(), now.detail()));
            }
        });
        server.createContext("/", exchange -> {
            if (allowed(exchange)) {
                send(
                        exchange,
                        404,
                        "text/plain; charset=utf-8",
                        "paths: /metrics, /health, /health/live, /health/ready\n");
            }
        });
        server.start();
        String url = "http://" + hostForUrl(address.host()) + ":"
                + server.getAddress().getPort();
        log.info("metrics on {}/metrics, health on {}/health", url, url);
        return new MetricsServer(server, executor, url);
    }

    /** The line {@link #start} logs, which tells the launcher where an app on a free port serves. */
    private static final Pattern LOGGED_URL = Pattern.compile("metrics on (http://\\S+)/metrics, health on ");

    /** The base URL a log line of {@link #start} gives, if it is one. */
    public static Optional<String> urlLogged(String logLine) {
        Matcher m = LOGGED_URL.matcher(logLine);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The base URL the server answers on, e.g. {@code http://127.0.0.1:9472}. */
    public String url() {
        return url;
    }

    private static Health health(Supplier<Health> health) {
        try {
            return health.get();
        } catch (RuntimeException e) {
            return Health.notReady("health check failed: " + e);
        }
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    static String json(String app, boolean up, String detail) {
        return "{\"app\":\"" + escape(app) + "\",\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"detail\":\""
                + escape(detail) + "\"}\n";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The host as a URL names it: an IPv6 address in brackets, a wildcard address as loopback. */
    public static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host.isEmpty() || host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
