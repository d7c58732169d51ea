package dev.digestpipeline.ops.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.common.SuppressForbidden;
import dev.digestpipeline.common.metrics.MetricsServer;
import dev.digestpipeline.ops.RootCause;
import dev.digestpipeline.ops.search.PaperSearch;
import dev.digestpipeline.ops.search.TrendChart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard over HTTP: the page and its static assets from the jar (uPlot from its webjar; no Node), and the
 * JSON it reads. A failure answers JSON with an {@code error} an operator can act on (400 for a bad request, 503
 * for a backend out of reach), never a stack trace.
 */
@SuppressForbidden(reason = "com.sun.net.httpserver is the JDK's exported, supported HTTP server (jdk.httpserver)")
public final class DashboardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** Path → (classpath resource, content type) of what the page loads. */
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"dev/digestpipeline/ops/dashboard/index.html", "text/html; charset=utf-8"},
            "/static/dashboard.js",
                    new String[] {"dev/digestpipeline/ops/dashboard/dashboard.js", "text/javascript; charset=utf-8"},
            "/static/dashboard.css",
                    new String[] {"dev/digestpipeline/ops/dashboard/dashboard.css", "text/css; charset=utf-8"},
            "/static/uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/static/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    /** The header an action (a replay) must carry. */
    static final String ACTION_HEADER = "X-Digest-Action";

    /** What the JSON endpoints answer from; each call may fail with an exception the server turns into a message. */
    public interface Backend {
        Object pipeline();

        PaperSearch.Result papers(PaperSearch.Request request) throws IOException;

        Object similar(String paperId) throws IOException;

        TrendChart.Chart trends(TrendChart.Request request) throws IOException;

        Object replay(String stage);
    }

    /** A request the server cannot answer, with the status and the message the page shows. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;

    private DashboardServer(HttpServer server, ExecutorService executor, String url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Serves on host:port (0: a free port; {@link #url()} says which). */
    public static DashboardServer start(String host, int port, Backend backend) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 32);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, backend));
        server.start();
        String url = "http://" + MetricsServer.hostForUrl(host) + ":"
                + server.getAddress().getPort() + "/";
        return new DashboardServer(server, executor, url);
    }

    public String url() {
        return url;
    }

    private static void handle(HttpExchange exchange, Backend backend) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            String[] asset = ASSETS.get(path);
            if (asset != null) {
                requireMethod(method, "GET");
                sendAsset(exchange, asset[0], asset[1]);
                return;
            }
            Map<String, List<String>> params = params(exchange.getRequestURI().getRawQuery());
            Object answer = switch (path) {
                case "/api/pipeline" -> {
                    requireMethod(method, "GET");
                    yield backend.pipeline();
                }
                case "/api/papers" -> {
                    requireMethod(method, "GET");
                    yield backend.papers(searchRequest(params));
                }
                case "/api/similar" -> {
                    requireMethod(method, "GET");
                    yield backend.similar(required(params, "id"));
                }
                case "/api/trends" -> {
                    requireMethod(method, "GET");
                    yield backend.trends(
                            TrendChart.Request.parse(one(params, "from"), one(params, "to"), one(params, "tags")));
                }
                case "/api/deadletters/replay" -> {
                    requireMethod(method, "POST");
                    // a header a plain cross-site form cannot send: another site's page cannot make us replay
                    if (!"dashboard".equals(exchange.getRequestHeaders().getFirst(ACTION_HEADER))) {
                        throw new Refused(403, "a replay needs the header " + ACTION_HEADER + ": dashboard");
                    }
                    yield backend.replay(required(params, "stage"));
                }
                default -> throw new Refused(404, "no such page: " + path);
            };
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
        } catch (Refused e) {
            sendError(exchange, e.status, e.getMessage());
        } catch (IllegalArgumentException e) {
            sendError(exchange, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("{} {} failed: {}", method, path, e.toString());
            sendError(exchange, 503, "could not answer: " + RootCause.message(e));
        }
    }

    static PaperSearch.Request searchRequest(Map<String, List<String>> params) {
        Map<PaperSearch.Facet, List<String>> filters = new LinkedHashMap<>();
        for (PaperSearch.Facet facet : PaperSearch.Facet.values()) {
            List<String> values = params.getOrDefault(facet.param(), List.of()).stream()
                    .filter(v -> !v.isBlank())
                    .toList();
            if (!values.isEmpty()) {
                filters.put(facet, values);
            }
        }
        String page = one(params, "page");
        int pageNumber;
        try {
            pageNumber = page == null || page.isBlank() ? 0 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("page is a whole number, not '" + page + "'", e);
        }
        return new PaperSearch.Request(one(params, "q"), filters, pageNumber);
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new Refused(405, "only " + allowed + " here, not " + method);
        }
    }

    private static String required(Map<String, List<String>> params, String name) {
        String value = one(params, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the parameter '" + name + "' is missing");
        }
        return value.strip();
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** A query string's parameters, each name with its values in order. */
    static Map<String, List<String>> params(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the address has a malformed %-escape: '" + text + "'", e);
        }
    }

    private static void sendAsset(HttpExchange exchange, String resource, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new Refused(500, "the build left out " + resource);
            }
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("error", message)));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
