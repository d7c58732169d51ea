package dev.digestpipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the local stack lives and which loopback ports it uses. Read from environment variables
 * (DIGEST_KAFKA_PORT, ...), falling back to defaults; validated before anything starts.
 */
public record StackSettings(
        Path home,
        Path dataDir,
        Path serverJavaHome,
        int kafkaPort,
        int kafkaControllerPort,
        int registryPort,
        int registryManagementPort,
        int elasticsearchPort,
        int elasticsearchTransportPort) {

    public static final String HOST = "127.0.0.1";
    public static final String HOME_VARIABLE = "DIGEST_HOME";
    public static final String DATA_DIR_VARIABLE = "DIGEST_STACK_DIR";

    public StackSettings {
        for (int port : new int[] {
            kafkaPort,
            kafkaControllerPort,
            registryPort,
            registryManagementPort,
            elasticsearchPort,
            elasticsearchTransportPort
        }) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
        }
    }

    /** Settings from the environment: DIGEST_HOME, DIGEST_STACK_DIR and one DIGEST_*_PORT per port. */
    public static StackSettings fromEnvironment(Map<String, String> env) {
        return new StackSettings(
                home(env),
                dataDir(env),
                JavaRuntimes.findServerJavaHome(env),
                StackPort.KAFKA.from(env),
                StackPort.KAFKA_CONTROLLER.from(env),
                StackPort.REGISTRY.from(env),
                StackPort.REGISTRY_MANAGEMENT.from(env),
                StackPort.ELASTICSEARCH.from(env),
                StackPort.ELASTICSEARCH_TRANSPORT.from(env));
    }

    /** The checkout: DIGEST_HOME (the launcher sets it), else the digest.home property, else the working folder. */
    public static Path home(Map<String, String> env) {
        return Path.of(env.getOrDefault(HOME_VARIABLE, System.getProperty("digest.home", ".")))
                .toAbsolutePath()
                .normalize();
    }

    /** The stack's data folder: DIGEST_STACK_DIR, else .stack/local in the checkout. */
    public static Path dataDir(Map<String, String> env) {
        return Path.of(env.getOrDefault(
                        DATA_DIR_VARIABLE, home(env).resolve(".stack/local").toString()))
                .toAbsolutePath()
                .normalize();
    }

    /** The same stack on free ports in the given folder: what tests use, so runs never collide. */
    public StackSettings withFreePorts(Path newDataDir) {
        int[] ports = Ports.freePorts(6);
        return new StackSettings(
                home, newDataDir, serverJavaHome, ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
    }

    public String bootstrapServers() {
        return HOST + ":" + kafkaPort;
    }

    public String registryUrl() {
        return "http://" + HOST + ":" + registryPort;
    }

    public String elasticsearchUrl() {
        return "http://" + HOST + ":" + elasticsearchPort;
    }

    public Path distDir() {
        return home.resolve("stack/target/dist");
    }

    public Path kafkaLibDir() {
        return home.resolve("stack/broker-libs/target/lib");
    }

    public Path registryDist() {
        return distDir().resolve("apicurio-registry");
    }

    public Path elasticsearchDist() {
        return distDir().resolve("elasticsearch-" + versions().getProperty("elasticsearch.version"));
    }

    /** Checks that the build has unpacked the server distributions this launcher needs. */
    public void requireDistributions() {
        for (Path required : new Path[] {
            kafkaLibDir(),
            registryDist().resolve("quarkus-run.jar"),
            elasticsearchDist().resolve("bin/elasticsearch")
        }) {
            if (!Files.exists(required)) {
                throw new IllegalStateException("Missing " + required + ": build the project first "
                        + "('mvn -DskipTests install' in " + home + ", or any ./digest command).");
            }
        }
    }

    static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = StackSettings.class.getResourceAsStream("/digest-stack-versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }
}
