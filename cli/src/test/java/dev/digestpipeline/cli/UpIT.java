package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./digest up} as a user runs it, in its own stack on free ports: sources on a loopback feed site serving
 * pages of the shared corpus, every paper searchable, the second polls conditional, a 429's Retry-After respected,
 * one host's requests the configured gap apart, robots.txt obeyed, the contact in every request; then
 * {@code ./digest down} leaves nothing running.
 */
class UpIT {
    private static final String CONTACT = "ops@example.org";
    private static final Duration HOST_GAP = Duration.ofSeconds(1);
    private static final int RETRY_AFTER_SECONDS = 3;
    /** Each page, the kind its source declares and the papers SOURCES.md says it holds. */
    private static final List<String[]> PAGES = List.of(
            new String[] {"/api/daily_papers", "hf-daily-api", "hf/api-daily-papers.json", "application/json", "30"},
            new String[] {"/atom/cs.AI", "arxiv-rss", "arxiv/rss-atom-cs.AI-2025-08-20.xml", "application/atom+xml", "7"
            },
            new String[] {
                "/api/query?search_query=cat:cs.AI",
                "url",
                "arxiv/api-query-legacy-10.xml",
                "application/atom+xml",
                "10"
            });

    private static final String THROTTLED = "/papers/daily.txt";
    private static final String DISALLOWED = "/private/papers.txt";

    private static LocalFeedServer site;
    private static Path stackDir;
    private static Map<String, String> env;
    private static Path outputs;

    @BeforeAll
    static void startSite() throws IOException {
        String dir = System.getProperty("digest.corpus");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "corpus not present (set -Ddigest.corpus)");
        Path corpus = Path.of(dir);
        site = new LocalFeedServer().robots("User-agent: *\nDisallow: /private/\n");
        for (String[] page : PAGES) {
            site.page(page[0], page[3], Files.readAllBytes(corpus.resolve(page[2])));
        }
        byte[] text = Files.readAllBytes(corpus.resolve("text/daily-papers-2025-08-20.txt"));
        site.throttledPage(THROTTLED, "text/plain; charset=utf-8", text, 1, RETRY_AFTER_SECONDS);
        site.page(DISALLOWED, "text/plain", text);
        Path home = StackSettings.home(System.getenv());
        stackDir = Files.createTempDirectory(Files.createDirectories(home.resolve(".stack")), "up-");
        outputs = Files.createDirectories(home.resolve("cli/target/up-it"));
        env = DigestCommand.stackOnFreePorts(home, stackDir);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (stackDir != null) {
            // after a failure too: whatever 'up' left behind is stopped by PID, and its folder deleted
            digest("down", "--purge");
        }
        if (site != null) {
            site.close();
        }
    }

    /** Runs the launcher's jar as {@code ./digest} does, with the test stack's environment; returns its output. */
    private static String digest(String... args) throws IOException, InterruptedException {
        return new DigestCommand(env, outputs).run(args);
    }

    /** The URL 'status' prints for an app's /metrics and /health. */
    private static String opsUrl(String status, String app) {
        return status.lines()
                .filter(l -> l.startsWith(app + ": running"))
                .map(l -> java.util.regex.Pattern.compile("metrics (http://\\S+)/metrics, health ")
                        .matcher(l))
                .filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metrics URL of " + app + " in\n" + status));
    }

    private static java.net.http.HttpResponse<String> get(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series in a Prometheus text answer; fails when it is missing. */
    private static double counter(String metrics, String series) {
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(series + " missing from\n" + metrics));
    }

    /** The URLs (path and query) the poller asked for a page. */
    private static Set<String> targets(String page) {
        return site.requests(page).stream().map(LocalFeedServer.Request::target).collect(Collectors.toSet());
    }

    private static boolean everyUrlAnswered304(String page) {
        Set<String> urls = targets(page);
        return !urls.isEmpty()
                && urls.stream()
                        .allMatch(url -> site.requests().stream()
                                .anyMatch(r -> r.target().equals(url) && r.status() == 304));
    }

    @Test
    void upPollsEveryAllowedFeedPolitelyUntilEveryPaperIsSearchableAndDownStopsIt() throws Exception {
        List<String> up = new ArrayList<>(List.of("up", "--contact=" + CONTACT));
        for (String[] page : PAGES) {
            up.add("--source=" + page[1] + "," + site.url(page[0]) + ",every=5s");
        }
        up.add("--source=url," + site.url(THROTTLED) + ",every=5s");
        up.add("--source=url," + site.url(DISALLOWED) + ",every=5s");
        String upOutput = digest(up.toArray(String[]::new));
        assertTrue(upOutput.contains("poller started"), upOutput);
        LocalStack stack = LocalStack.attach(stackDir).orElseThrow();

        // every URL polled (the daily papers API: today's and yesterday's) answered once with the page, then 304
        List<String> polled = new ArrayList<>(PAGES.stream().map(p -> p[0]).toList());
        polled.add(THROTTLED);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!polled.stream().allMatch(UpIT::everyUrlAnswered304)) {
            assertTrue(System.nanoTime() < deadline, "no 304 for every source in 3 min: " + site.requests());
            Thread.sleep(500);
        }
        Set<String> uris = site.requests().stream()
                .filter(r -> r.status() == 200 && !r.path().equals("/robots.txt"))
                .map(r -> site.url(r.target()))
                .collect(Collectors.toSet());
        assertEquals(5, uris.size(), "pages published: " + uris);
        try (PipelineProbe probe = new PipelineProbe(
                stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends")) {
            probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(3), s -> {});
            Set<String> parsed = probe.parsedPaperIds(uris);
            assertTrue(parsed.size() >= 88, "papers parsed: " + parsed.size());
            assertEquals(parsed.size(), probe.indexedFrom(uris));
        }

        for (String page : polled) {
            for (String url : targets(page)) {
                List<Integer> answers = site.requests().stream()
                        .filter(r -> r.target().equals(url))
                        .map(LocalFeedServer.Request::status)
                        .filter(status -> status != 429)
                        .toList();
                assertEquals(List.of(200, 304), answers.subList(0, 2), url);
            }
        }
        assertEquals(1, site.requests("/robots.txt").size(), "robots.txt is kept, not read again each poll");
        List<LocalFeedServer.Request> throttled = site.requests(THROTTLED);
        assertEquals(429, throttled.get(0).status());
        Duration waited =
                Duration.between(throttled.get(0).at(), throttled.get(1).at());
        assertTrue(waited.compareTo(Duration.ofSeconds(RETRY_AFTER_SECONDS)) >= 0, "retried after " + waited);
        assertTrue(site.requests(DISALLOWED).isEmpty(), "robots.txt disallows " + DISALLOWED);
        List<LocalFeedServer.Request> all = site.requests();
        for (int i = 1; i < all.size(); i++) {
            Duration gap = Duration.between(all.get(i - 1).at(), all.get(i).at());
            // the poller's gap counts from the end of the answer before, so the arrivals are at least that far apart
            assertTrue(gap.compareTo(HOST_GAP) >= 0, "gap " + gap + " before " + all.get(i) + " in " + all);
        }
        assertTrue(all.stream().allMatch(r -> r.userAgent().contains("; " + CONTACT + ")")), all.toString());
        Duration smallestGap = Duration.ofDays(1);
        for (int i = 1; i < all.size(); i++) {
            Duration gap = Duration.between(all.get(i - 1).at(), all.get(i).at());
            smallestGap = gap.compareTo(smallestGap) < 0 ? gap : smallestGap;
        }
        Files.writeString(
                outputs.resolve("timings.txt"),
                "429 with Retry-After: " + RETRY_AFTER_SECONDS + " s; retried after " + waited.toMillis() + " ms\n"
                        + "requests to 127.0.0.1: " + all.size() + ", smallest gap " + smallestGap.toMillis()
                        + " ms (host.gap " + HOST_GAP.toMillis() + " ms)\n");

        String status = digest("status");
        Map<String, String> papersOf = new HashMap<>();
        PAGES.forEach(p -> papersOf.put(p[0], p[4]));
        papersOf.put(THROTTLED, "88");
        papersOf.forEach((page, papers) -> {
            for (String url : targets(page)) {
                assertTrue(
                        status.lines()
                                .anyMatch(l ->
                                        l.contains(site.url(url)) && l.contains("HTTP 304, " + papers + " papers")),
                        url + " in\n" + status);
            }
        });
        assertTrue(status.lines().anyMatch(l -> l.contains(DISALLOWED) && l.contains("disallowed by")), status);
        Files.writeString(outputs.resolve("status.txt"), status);

        // every app serves its metrics and health, at the URL 'status' prints; the poller's count what it did
        Map<String, String> metrics = new HashMap<>();
        for (AppProcesses.App app : AppProcesses.ALL) {
            String url = opsUrl(status, app.name());
            assertEquals(200, get(url + "/health/ready").statusCode(), app.name() + " ready");
            metrics.put(app.name(), get(url + "/metrics").body());
            Files.writeString(outputs.resolve(app.name() + "-metrics.txt"), metrics.get(app.name()));
        }
        String pollerMetrics = metrics.get("poller");
        assertTrue(
                counter(
                                pollerMetrics,
                                "digest_ingest_polls_total{app=\"poller\",host=\"127.0.0.1\",source=\"url\","
                                        + "status=\"429\"}")
                        >= 1,
                pollerMetrics);
        assertEquals(
                5.0,
                pollerMetrics
                        .lines()
                        .filter(l -> l.startsWith("digest_ingest_pages_published_total{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum(),
                "pages published, by source kind:\n" + pollerMetrics);
        assertTrue(counter(metrics.get("enrich"), "digest_enrich_papers_parsed_total{app=\"enrich\"}") >= 88);
        assertTrue(metrics.get("enrich").contains("kafka_stream_"), "Kafka Streams' own metrics are bound");
        assertTrue(counter(metrics.get("sink"), "digest_sink_documents_indexed_total{app=\"sink\",index=\"papers\"}")
                >= 88);
        assertTrue(metrics.get("sink").contains("digest_sink_fetch_to_indexed_seconds_bucket{"), metrics.get("sink"));

        // the dashboard 'up' started watches every app by its health endpoint, and shows each polled URL
        String dashboard = status.lines()
                .filter(l -> l.startsWith("ops: running"))
                .map(l -> l.substring(l.indexOf(", dashboard ") + ", dashboard ".length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard URL in\n" + status));
        assertTrue(upOutput.contains("dashboard on " + dashboard), upOutput);
        com.fasterxml.jackson.databind.JsonNode pipeline = null;
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pipeline == null
                || !pipeline.path("errors").isEmpty()
                || pipeline.path("sources").size() < 5) {
            assertTrue(System.nanoTime() < deadline, "the dashboard's sample: " + pipeline);
            Thread.sleep(1000);
            pipeline = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(get(dashboard + "api/pipeline").body());
        }
        Files.writeString(outputs.resolve("dashboard-pipeline.json"), pipeline.toPrettyString());
        Map<String, String> upByStage = new HashMap<>();
        pipeline.path("stages")
                .forEach(stage -> upByStage.put(
                        stage.path("name").asText(), stage.path("up").asText()));
        assertEquals(
                Map.of("poller", "true", "enrich", "true", "sink", "true", "elasticsearch", "true"),
                Map.of(
                        "poller", upByStage.get("poller"),
                        "enrich", upByStage.get("enrich"),
                        "sink", upByStage.get("sink"),
                        "elasticsearch", upByStage.get("elasticsearch")),
                pipeline.toPrettyString());

        // a killed poller is brought back by running 'up' again, and goes on from its state in Kafka: every URL it
        // had is asked for conditionally, none is fetched whole again
        AppProcesses apps = new AppProcesses(StackSettings.home(env), stackDir);
        ProcessHandle poller = ProcessHandle.of(
                        apps.runningPid(AppProcesses.POLLER).orElseThrow())
                .orElseThrow();
        poller.destroyForcibly();
        poller.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        int before = site.requests().size();
        String upAgain = digest(up.toArray(String[]::new));
        assertTrue(upAgain.contains("enrich already running") && upAgain.contains("poller started"), upAgain);
        // the new poller serves on another port: the dashboard is restarted to watch it
        assertTrue(upAgain.contains("to watch the apps now running"), upAgain);
        deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (site.requests().size() < before + 12) {
            assertTrue(System.nanoTime() < deadline, "the restarted poller polls: " + site.requests());
            Thread.sleep(500);
        }
        List<LocalFeedServer.Request> afterRestart = site.requests().subList(before, before + 12).stream()
                .filter(r -> !r.path().equals("/robots.txt"))
                .toList();
        assertTrue(afterRestart.stream().allMatch(r -> r.status() == 304), afterRestart.toString());

        // backfill walks past days of the daily papers API once: run again, it asks for nothing and publishes nothing
        String hf = "hf-daily-api," + site.url("/api/daily_papers");
        String backfill = digest(
                "backfill", "--source=" + hf, "--since=2025-08-18", "--until=2025-08-20", "--contact=" + CONTACT);
        assertTrue(backfill.contains("backfill: 3 days walked, 0 done before, 3 pages published, 90 papers"), backfill);
        String again = digest(
                "backfill", "--source=" + hf, "--since=2025-08-18", "--until=2025-08-20", "--contact=" + CONTACT);
        assertTrue(again.contains("backfill: 0 days walked, 3 done before, 0 pages published, 0 papers"), again);
        for (String day : List.of("2025-08-18", "2025-08-19", "2025-08-20")) {
            assertEquals(1, site.requests("/api/daily_papers?date=" + day).size(), day);
        }
        Files.writeString(outputs.resolve("backfill.txt"), backfill + again);

        List<Long> pids = new ArrayList<>(stack.pids());
        for (AppProcesses.App app : AppProcesses.ALL) {
            pids.add(apps.runningPid(app).orElseThrow());
        }
        digest("down");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still runs");
        }
        assertTrue(LocalStack.attach(stackDir).isEmpty());
    }
}
