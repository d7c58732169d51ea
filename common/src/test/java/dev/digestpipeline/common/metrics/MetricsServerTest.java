package dev.digestpipeline.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Health> health = new AtomicReference<>(Health.ready("Kafka Streams RUNNING"));
    private PrometheusMeterRegistry registry;
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        registry = AppMetrics.create("enrich");
        registry.counter("digest.enrich.pages.parsed").increment(3);
        server = MetricsServer.start("enrich", new MetricsAddress("127.0.0.1", 0), registry, health::get);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreThePrometheusTextOfTheAppsMetersTaggedWithTheApp() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("digest_enrich_pages_parsed_total{app=\"enrich\"} 3.0\n"), response.body());
        assertTrue(response.body().contains("jvm_memory_used_bytes{"), "JVM metrics are bound");
    }

    @Test
    void readyAnswers200WithTheDetailWhileTheAppWorks() throws Exception {
        HttpResponse<String> response = get("/health/ready");
        assertEquals(200, response.statusCode());
        assertEquals("{\"app\":\"enrich\",\"status\":\"UP\",\"detail\":\"Kafka Streams RUNNING\"}\n", response.body());
    }

    @Test
    void readyAnswers503WithWhyWhenTheAppDoesNotWorkWhileLiveStays200() throws Exception {
        health.set(Health.notReady("Kafka Streams ERROR"));
        HttpResponse<String> ready = get("/health");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"app\":\"enrich\",\"status\":\"DOWN\",\"detail\":\"Kafka Streams ERROR\"}\n", ready.body());
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void aHealthCheckThatThrowsIsNotReadyNotAStackTrace() throws Exception {
        server.close();
        server = MetricsServer.start("sink", new MetricsAddress("127.0.0.1", 0), registry, () -> {
            throw new IllegalStateException("no \"indexer\"");
        });
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals(
                "{\"app\":\"sink\",\"status\":\"DOWN\",\"detail\":\"health check failed: "
                        + "java.lang.IllegalStateException: no \\\"indexer\\\"\"}\n",
                ready.body());
    }

    @Test
    void anUnknownPathIs404AndAPostIs405() throws Exception {
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(404, get("/health/other").statusCode());
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theServerIsOnLoopbackAtTheUrlItGives() {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
    }

    @Test
    void theLineItLogsGivesItsUrlBackAndOtherLinesNone() {
        assertEquals(
                java.util.Optional.of("http://127.0.0.1:40191"),
                MetricsServer.urlLogged(
                        "2026-11-27T18:30:00Z [main] INFO dev.digestpipeline.common.metrics.MetricsServer - metrics "
                                + "on http://127.0.0.1:40191/metrics, health on http://127.0.0.1:40191/health"));
        assertEquals(java.util.Optional.empty(), MetricsServer.urlLogged("summary: 3 pages parsed"));
    }
}
