package dev.digestpipeline.ops.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.ops.search.PaperSearch;
import dev.digestpipeline.ops.search.TrendChart;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's HTTP surface over a fake backend: what each request answers, failures included. */
class DashboardServerTest {
    private final List<Object> asked = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private IOException searchFailure;
    private DashboardServer server;

    private final DashboardServer.Backend backend = new DashboardServer.Backend() {
        @Override
        public Object pipeline() {
            return Map.of("stages", List.of());
        }

        @Override
        public PaperSearch.Result papers(PaperSearch.Request request) throws IOException {
            asked.add(request);
            if (searchFailure != null) {
                throw searchFailure;
            }
            return new PaperSearch.Result(0, request.page(), List.of(), Map.of());
        }

        @Override
        public Object similar(String paperId) {
            throw new DashboardServer.Refused(404, "no paper " + paperId + " in the index");
        }

        @Override
        public TrendChart.Chart trends(TrendChart.Request request) {
            asked.add(request);
            return new TrendChart.Chart(request.from(), request.to(), List.of(), List.of(), List.of());
        }

        @Override
        public Object replay(String stage) {
            asked.add("replay " + stage);
            return Map.of("replayed", List.of());
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = DashboardServer.start("127.0.0.1", 0, backend);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, boolean withHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (withHeader) {
            request.header(DashboardServer.ACTION_HEADER, "dashboard");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsScriptsComeFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/static/dashboard.js\">"), page.body());
        assertEquals(
                "text/html; charset=utf-8",
                page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(get("/static/uPlot.iife.min.js").body().contains("uPlot"));
        assertEquals(200, get("/static/dashboard.css").statusCode());
    }

    @Test
    void aSearchPassesItsTextFacetsAndPage() throws Exception {
        assertEquals(
                200,
                get("/api/papers?q=world+model&tag=vision%2Fgeneration&tag=ml%2Frl&day=2026-11-20&page=2")
                        .statusCode());
        assertEquals(
                List.of(new PaperSearch.Request(
                        "world model",
                        Map.of(
                                PaperSearch.Facet.TAG, List.of("vision/generation", "ml/rl"),
                                PaperSearch.Facet.DAY, List.of("2026-11-20")),
                        2)),
                asked);
    }

    @Test
    void aBadPageNumberIsA400WithTheReason() throws Exception {
        HttpResponse<String> answer = get("/api/papers?page=two");
        assertEquals(400, answer.statusCode());
        assertEquals("{\"error\":\"page is a whole number, not 'two'\"}", answer.body());
    }

    @Test
    void aSearchTooLongIsA400() throws Exception {
        HttpResponse<String> answer = get("/api/papers?q=" + "a".repeat(501));
        assertEquals(400, answer.statusCode());
        assertEquals("{\"error\":\"the search text has 501 characters; at most 500\"}", answer.body());
    }

    @Test
    void aBackendOutOfReachIsA503SayingWhyNotAStackTrace() throws Exception {
        searchFailure = new IOException("search failed", new ConnectException("Connection refused"));
        HttpResponse<String> answer = get("/api/papers?q=x");
        assertEquals(503, answer.statusCode());
        assertEquals("{\"error\":\"could not answer: Connection refused\"}", answer.body());
    }

    @Test
    void aBadDayRangeIsA400() throws Exception {
        HttpResponse<String> answer = get("/api/trends?from=2026-13-01");
        assertEquals(400, answer.statusCode());
        assertEquals("{\"error\":\"from is a day as YYYY-MM-DD, not '2026-13-01'\"}", answer.body());
    }

    @Test
    void anUnknownPaperIsA404() throws Exception {
        HttpResponse<String> answer = get("/api/similar?id=2511.99999");
        assertEquals(404, answer.statusCode());
        assertEquals("{\"error\":\"no paper 2511.99999 in the index\"}", answer.body());
    }

    @Test
    void aReplayIsAPostCarryingTheActionHeader() throws Exception {
        assertEquals(405, get("/api/deadletters/replay?stage=enrich-parse").statusCode());
        HttpResponse<String> noHeader = post("/api/deadletters/replay?stage=enrich-parse", false);
        assertEquals(403, noHeader.statusCode());
        assertEquals(List.of(), asked);
        assertEquals(
                200, post("/api/deadletters/replay?stage=enrich-parse", true).statusCode());
        assertEquals(List.of("replay enrich-parse"), asked);
    }

    @Test
    void aReplayWithoutAStageIsA400() throws Exception {
        HttpResponse<String> answer = post("/api/deadletters/replay", true);
        assertEquals(400, answer.statusCode());
        assertEquals("{\"error\":\"the parameter 'stage' is missing\"}", answer.body());
    }

    @Test
    void anUnknownPathIsA404() throws Exception {
        HttpResponse<String> answer = get("/api/nothing");
        assertEquals(404, answer.statusCode());
        assertEquals("{\"error\":\"no such page: /api/nothing\"}", answer.body());
    }
}
