package dev.digestpipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node KRaft broker (broker and controller in one JVM) from the kafka_2.13 jars on Maven Central. */
final class KafkaBroker {
    private final StackSettings settings;
    private final Path dir;

    KafkaBroker(StackSettings settings) {
        this.settings = settings;
        this.dir = settings.dataDir().resolve("kafka");
    }

    ServerProcess start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path logDirs = dir.resolve("data");
        Files.writeString(config, serverProperties(logDirs));
        Files.writeString(dir.resolve("log4j2.properties"), """
                status = error
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.stdout.ref = STDOUT
                logger.kafka.name = kafka
                logger.kafka.level = WARN
                logger.state.name = state.change.logger
                logger.state.level = WARN
                """);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(config);
        }
        return ServerProcess.start(
                "kafka",
                command("kafka.Kafka", config.toString()),
                Map.of(),
                dir,
                dir.resolve("server.log"),
                dir.resolve("kafka.pid"));
    }

    private String serverProperties(Path logDirs) {
        String host = StackSettings.HOST;
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + settings.kafkaControllerPort(),
                "listeners=PLAINTEXT://" + host + ":" + settings.kafkaPort() + ",CONTROLLER://" + host + ":"
                        + settings.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + settings.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // pages up to 16 MiB; the topic's own max.message.bytes is what ingest checks against
                "message.max.bytes=16777216",
                "replica.fetch.max.bytes=16777216",
                "");
    }

    private void format(Path config) throws IOException, InterruptedException {
        Path log = dir.resolve("format.log");
        Process format = new ProcessBuilder(command(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("Formatting the Kafka log folder failed; see " + log + ":\n" + Files.readString(log));
        }
    }

    private List<String> command(String mainClass, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                JavaRuntimes.javaExecutable(settings.serverJavaHome()).toString(),
                "-Xms256m",
                "-Xmx768m",
                "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp",
                settings.kafkaLibDir() + "/*",
                mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Ready when the broker answers a metadata request, not after a fixed sleep. */
    void awaitReady(ServerProcess process, Instant deadline) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                Readiness.requireAlive(process);
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // keep polling until the deadline
                }
                Readiness.pause(process, deadline);
            }
        }
    }

    static Duration stopGrace() {
        return Duration.ofSeconds(30);
    }
}
