package dev.digestpipeline.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Elasticsearch from the integ-test-zip on Maven Central, security off, loopback only.
 * Elasticsearch refuses to run as root: as root it runs as the system user {@value #SERVICE_USER}, from a copy
 * of the distribution that user owns (the checkout may sit in a folder only root can enter).
 */
final class ElasticsearchServer {
    static final String SERVICE_USER = "digest-es";
    private final StackSettings settings;
    private final Path link;

    ElasticsearchServer(StackSettings settings) {
        this.settings = settings;
        this.link = settings.dataDir().resolve("elasticsearch");
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The folder with home/, config/, data/, logs/ and tmp/; as root it lies outside the checkout, linked from it. */
    Path dir() throws IOException {
        if (!runningAsRoot()) {
            return Files.createDirectories(link);
        }
        if (Files.isSymbolicLink(link)) {
            return Files.readSymbolicLink(link);
        }
        Path outside = Path.of(
                "/var/tmp/digest-pipeline-es", shortHash(settings.dataDir().toString()));
        Files.createDirectories(outside);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        return outside;
    }

    ServerProcess start() throws IOException, InterruptedException {
        Path dir = dir();
        Path home = settings.elasticsearchDist();
        if (runningAsRoot()) {
            home = dir.resolve("home");
            if (!Files.exists(home.resolve("bin/elasticsearch"))) {
                run(List.of("cp", "-a", settings.elasticsearchDist().toString(), home.toString()));
            }
        }
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String file : List.of("jvm.options", "log4j2.properties")) {
            Files.copy(
                    settings.elasticsearchDist().resolve("config").resolve(file),
                    config.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(config.resolve("jvm.options.d"));
        Files.writeString(
                config.resolve("elasticsearch.yml"),
                String.join(
                        "\n",
                        "cluster.name: digest-pipeline",
                        "node.name: local",
                        "discovery.type: single-node",
                        "xpack.security.enabled: false",
                        "network.host: " + StackSettings.HOST,
                        "http.port: " + settings.elasticsearchPort(),
                        "transport.port: " + settings.elasticsearchTransportPort(),
                        "path.data: " + Files.createDirectories(dir.resolve("data")),
                        "path.logs: " + Files.createDirectories(dir.resolve("logs")),
                        // a nearly full disk must not turn the local index read-only
                        "cluster.routing.allocation.disk.threshold_enabled: false",
                        ""));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path pidFile = dir.resolve("elasticsearch.pid");
        Files.deleteIfExists(pidFile);
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            ensureServiceUser();
            run(List.of("chown", "-R", SERVICE_USER + ":", dir.toString()));
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.addAll(List.of(home.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile.toString()));
        Map<String, String> env = Map.of(
                "ES_JAVA_HOME", settings.serverJavaHome().toString(),
                "ES_PATH_CONF", config.toString(),
                "ES_TMPDIR", tmp.toString(),
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m",
                "CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        Path launcherLog = settings.dataDir().resolve("elasticsearch-launch.log");
        Process launcher = startLauncher(command, env, launcherLog);
        // with -d the launcher returns once the node has started (or failed to)
        if (!launcher.waitFor(180, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
            throw new IOException("Elasticsearch did not start within 180 s; see " + launcherLog);
        }
        if (launcher.exitValue() != 0) {
            throw new IOException("Elasticsearch failed to start (exit " + launcher.exitValue() + "):\n"
                    + Files.readString(launcherLog) + "\nLogs: " + dir.resolve("logs"));
        }
        Files.writeString(
                settings.dataDir().resolve("elasticsearch.pid"),
                Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        return ServerProcess.adopt("elasticsearch", pidFile, dir.resolve("logs/digest-pipeline.log"));
    }

    private Process startLauncher(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return builder.start();
    }

    void awaitReady(ServerProcess process, Instant deadline) throws InterruptedException {
        Readiness.awaitHttpOk(
                process, settings.elasticsearchUrl() + "/_cluster/health?wait_for_status=yellow&timeout=2s", deadline);
    }

    private static void ensureServiceUser() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", SERVICE_USER)
                .redirectErrorStream(true)
                .start();
        id.getInputStream().readAllBytes();
        if (id.waitFor() == 0) {
            return;
        }
        run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER));
    }

    /** Removes the folder outside the checkout that the link points to (root only). */
    void purge() throws IOException, InterruptedException {
        if (Files.isSymbolicLink(link)) {
            Path target = Files.readSymbolicLink(link);
            run(List.of("rm", "-rf", target.toString()));
            Files.deleteIfExists(link);
        } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            run(List.of("rm", "-rf", link.toString()));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
