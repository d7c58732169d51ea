package dev.digestpipeline.launch;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;
import static dev.digestpipeline.common.settings.CommonSettings.METRICS_PORT;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.SUMMARY_INTERVAL;

import dev.digestpipeline.common.metrics.MetricsServer;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.ops.OpsApp;
import dev.digestpipeline.ops.OpsConfig;
import dev.digestpipeline.sink.index.IndexLayout;
import dev.digestpipeline.stack.JavaRuntimes;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The apps as child processes of the launcher, known by PID files so 'down' can stop them later. */
public final class AppProcesses {
    /** An app the launcher runs: its name, the module whose jar holds it, and its main class when not the jar's. */
    public record App(String name, String module, String mainClass) {}

    public static final App ENRICH = new App("enrich", "enrich", null);
    public static final App SINK = new App("sink", "sink", null);
    public static final App POLLER = new App("poller", "ingest", "dev.digestpipeline.ingest.PollerApp");
    /** The dashboard. */
    public static final App OPS = new App("ops", "ops", null);
    /** What the demo runs: its pages come from the command line, not a poller. */
    public static final List<App> PIPELINE = List.of(ENRICH, SINK);
    /** Every app, in the order they start ('up') and are listed ('status'); 'down' stops them in reverse. */
    public static final List<App> ALL = List.of(ENRICH, SINK, POLLER, OPS);
    /** The apps whose health the dashboard shows. */
    public static final List<App> WATCHED = List.of(ENRICH, SINK, POLLER);
    /** The dashboard's port when it is free: one address to bookmark. */
    public static final int DASHBOARD_PORT = 8095;

    private final Path home;
    private final Path dir;

    public AppProcesses(Path home, Path stackDir) {
        this.home = home;
        this.dir = stackDir.resolve("apps");
    }

    /** The folder of the apps' PID files, logs and state. */
    public Path dir() {
        return dir;
    }

    public Optional<Long> runningPid(App app) {
        return ServerProcess.readPid(dir.resolve(app.name() + ".pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Starts the app unless it already runs; returns a line saying which. */
    public String start(App app, LocalStack stack) throws IOException {
        return start(app, stack, List.of(), Map.of());
    }

    /**
     * What an app needs to run on the stack, as its environment: the servers' addresses, and no index replicas, which
     * the stack's one Elasticsearch node could not place.
     */
    public static Map<String, String> stackSettings(LocalStack stack) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers());
        env.put(REGISTRY_URL.envName(), stack.registryUrl());
        env.put(ELASTICSEARCH_URL.envName(), stack.elasticsearchUrl());
        env.put(IndexLayout.REPLICAS.envName(), "0");
        return env;
    }

    /** Starts the app with these arguments and settings (environment) unless it already runs. */
    public String start(App app, LocalStack stack, List<String> args, Map<String, String> settings) throws IOException {
        Optional<Long> running = runningPid(app);
        if (running.isPresent()) {
            return app.name() + " already running (pid " + running.get() + ")";
        }
        Path jar = Checkout.appJar(app.module());
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(command(jar, app.mainClass()));
        command.addAll(args);
        Map<String, String> env = new HashMap<>(stackSettings(stack));
        env.putAll(Map.of(
                EnrichConfig.STATE_DIR.envName(),
                dir.resolve(app.name() + "-state").toString(),
                SUMMARY_INTERVAL.envName(),
                "10s",
                METRICS_PORT.envName(),
                "0"));
        env.putAll(settings);
        ServerProcess process = ServerProcess.start(
                app.name(), command, env, home, dir.resolve(app.name() + ".log"), dir.resolve(app.name() + ".pid"));
        return app.name() + " started (pid " + process.pid() + ", log " + process.logFile() + ")";
    }

    /** How an app's jar is run: this JVM's java, a 512 MiB heap. */
    public static List<String> command(Path jar) {
        return command(jar, null);
    }

    /** The same with another main class than the jar's. */
    public static List<String> command(Path jar, String mainClass) {
        String java = JavaRuntimes.javaExecutable(Path.of(System.getProperty("java.home")))
                .toString();
        return mainClass == null
                ? List.of(java, "-Xmx512m", "-jar", jar.toString())
                : List.of(java, "-Xmx512m", "-cp", jar.toString(), mainClass);
    }

    /** Waits until the app's log has the text (e.g. enrich's "-> RUNNING"); fails if the app dies first. */
    public void awaitLog(App app, String text, Duration timeout) throws IOException, InterruptedException {
        Path log = dir.resolve(app.name() + ".log");
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (runningPid(app).isEmpty()) {
                throw new IllegalStateException(app.name() + " stopped before logging '" + text + "'; see " + log);
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        app.name() + " did not log '" + text + "' within " + timeout.toSeconds() + " s; see " + log);
            }
            Thread.sleep(200);
        }
    }

    /** Stops the app if it runs; returns what it stopped. */
    public Optional<String> stop(App app) throws IOException {
        Optional<Long> pid = runningPid(app);
        pid.ifPresent(p -> ServerProcess.stop(p, Duration.ofSeconds(40)));
        Files.deleteIfExists(dir.resolve(app.name() + ".pid"));
        return pid.map(p -> app.name() + " (pid " + p + ")");
    }

    /** Stops every app that runs, the poller first so that no page is published to a pipeline stopping. */
    public List<String> stopAll() throws IOException {
        List<String> stopped = new ArrayList<>();
        for (int i = ALL.size() - 1; i >= 0; i--) {
            stop(ALL.get(i)).ifPresent(stopped::add);
        }
        return stopped;
    }

    /**
     * Starts the dashboard, pointed at the health endpoints of the apps running now; one running for other apps (or
     * other ports) is restarted. Waits until it serves; the line says where.
     */
    public String startDashboard(LocalStack stack) throws IOException, InterruptedException {
        List<String> health = new ArrayList<>();
        for (App app : WATCHED) {
            if (runningPid(app).isPresent()) {
                health.add(app.name() + "=" + awaitAnswering(app, () -> opsUrl(app), "/health/live"));
            }
        }
        String apps = String.join(",", health);
        Path file = dir.resolve("ops-apps.txt");
        String restarted = "";
        boolean same = Files.exists(file) && Files.readString(file).equals(apps);
        if (!same && runningPid(OPS).isPresent()) {
            restarted = stop(OPS)
                    .map(s -> "stopped " + s + " to watch the apps now running; ")
                    .orElse("");
        }
        Files.createDirectories(dir);
        Files.writeString(file, apps);
        String started = start(
                OPS,
                stack,
                List.of(),
                Map.of(
                        OpsConfig.APPS.envName(),
                        apps,
                        OpsConfig.DASHBOARD_PORT.envName(),
                        Integer.toString(isFree(DASHBOARD_PORT) ? DASHBOARD_PORT : 0)));
        String url = awaitAnswering(OPS, this::dashboardUrl, "api/pipeline");
        return restarted + started + "; dashboard on " + url;
    }

    /**
     * The URL the running app logged, once a GET of the path under it answers: an app's log keeps the URLs of the
     * runs before it, so a URL logged is not yet this run's until it answers. Waits a minute at most.
     */
    private String awaitAnswering(App app, Supplier<Optional<String>> logged, String path) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            Optional<String> url = logged.get();
            if (url.isPresent() && answers(url.get() + path)) {
                return url.get();
            }
            if (runningPid(app).isEmpty()) {
                throw new IllegalStateException(app.name() + " stopped; see " + dir.resolve(app.name() + ".log"));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(app.name() + " does not answer at its logged URL after 60 s; see "
                        + dir.resolve(app.name() + ".log"));
            }
            Thread.sleep(200);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** Whether a GET of the URL gets an answer (any status): a server listens there. */
    private static boolean answers(String url) {
        try {
            HTTP.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false; // an earlier run's URL, or this run's not serving yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the running dashboard serves, from its log. */
    public Optional<String> dashboardUrl() {
        return lastLogged(OPS, OpsApp::urlLogged);
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (App app : ALL) {
            lines.add(app.name() + ": "
                    + runningPid(app)
                            .map(pid -> "running, pid " + pid + ", log " + dir.resolve(app.name() + ".log")
                                    + opsUrl(app)
                                            .map(url -> ", metrics " + url + "/metrics, health " + url + "/health")
                                            .orElse("")
                                    + (app.equals(OPS)
                                            ? dashboardUrl()
                                                    .map(url -> ", dashboard " + url)
                                                    .orElse("")
                                            : ""))
                            .orElse("not running"));
        }
        return lines;
    }

    /**
     * Where the running app serves /metrics and /health: the launcher starts apps on free ports (no clash between
     * two stacks or with a test), and each logs its URL once it serves.
     */
    public Optional<String> opsUrl(App app) {
        return lastLogged(app, MetricsServer::urlLogged);
    }

    /** The last value the reading finds in the running app's log. */
    private Optional<String> lastLogged(App app, java.util.function.Function<String, Optional<String>> reading) {
        Path log = dir.resolve(app.name() + ".log");
        if (runningPid(app).isEmpty() || !Files.exists(log)) {
            return Optional.empty();
        }
        try (java.util.stream.Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            return lines.map(reading).flatMap(Optional::stream).reduce((first, last) -> last);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
