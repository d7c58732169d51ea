package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.SUMMARY_INTERVAL;

import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.stack.JavaRuntimes;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The enrich and sink apps as child processes of the demo, known by PID files so 'down' can stop them later. */
final class AppProcesses {
    static final List<String> APPS = List.of("enrich", "sink");
    private final Path home;
    private final Path dir;

    AppProcesses(Path home, Path stackDir) {
        this.home = home;
        this.dir = stackDir.resolve("apps");
    }

    Optional<Long> runningPid(String app) {
        return ServerProcess.readPid(dir.resolve(app + ".pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Starts the app unless it already runs; returns a line saying which. */
    String start(String app, LocalStack stack) throws IOException {
        Optional<Long> running = runningPid(app);
        if (running.isPresent()) {
            return app + " already running (pid " + running.get() + ")";
        }
        Path jar = Checkout.appJar(app);
        Files.createDirectories(dir);
        List<String> command = command(jar);
        Map<String, String> env = Map.of(
                BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers(),
                REGISTRY_URL.envName(), stack.registryUrl(),
                ELASTICSEARCH_URL.envName(), stack.elasticsearchUrl(),
                EnrichConfig.STATE_DIR.envName(), dir.resolve(app + "-state").toString(),
                SUMMARY_INTERVAL.envName(), "10s");
        ServerProcess process =
                ServerProcess.start(app, command, env, home, dir.resolve(app + ".log"), dir.resolve(app + ".pid"));
        return app + " started (pid " + process.pid() + ", log " + process.logFile() + ")";
    }

    /** How an app's jar is run: this JVM's java, a 512 MiB heap. */
    static List<String> command(Path jar) {
        return List.of(
                JavaRuntimes.javaExecutable(Path.of(System.getProperty("java.home")))
                        .toString(),
                "-Xmx512m",
                "-jar",
                jar.toString());
    }

    List<String> stopAll() {
        List<String> stopped = new ArrayList<>();
        for (String app : APPS) {
            runningPid(app).ifPresent(pid -> {
                ServerProcess.stop(pid, Duration.ofSeconds(40));
                stopped.add(app + " (pid " + pid + ")");
            });
            new File(dir.resolve(app + ".pid").toString()).delete();
        }
        return stopped;
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (String app : APPS) {
            lines.add(app + ": "
                    + runningPid(app)
                            .map(pid -> "running, pid " + pid + ", log " + dir.resolve(app + ".log"))
                            .orElse("not running"));
        }
        return lines;
    }
}
