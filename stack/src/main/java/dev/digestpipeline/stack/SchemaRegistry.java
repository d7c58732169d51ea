package dev.digestpipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Apicurio Registry 3 (Quarkus app) with H2 file storage, so schema ids survive a restart of the stack. */
final class SchemaRegistry {
    private final StackSettings settings;
    private final Path dir;

    SchemaRegistry(StackSettings settings) {
        this.settings = settings;
        this.dir = settings.dataDir().resolve("registry");
    }

    ServerProcess start() throws IOException {
        Files.createDirectories(dir);
        List<String> command = List.of(
                JavaRuntimes.javaExecutable(settings.serverJavaHome()).toString(),
                "-Xms64m",
                "-Xmx384m",
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-Dquarkus.http.host=" + StackSettings.HOST,
                "-Dquarkus.http.port=" + settings.registryPort(),
                "-Dquarkus.management.host=" + StackSettings.HOST,
                "-Dquarkus.management.port=" + settings.registryManagementPort(),
                "-Dapicurio.storage.sql.kind=h2",
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("h2/registry"),
                "-Dapicurio.datasource.username=sa",
                "-Dapicurio.datasource.password=sa",
                "-jar",
                settings.registryDist().resolve("quarkus-run.jar").toString());
        return ServerProcess.start(
                "registry",
                command,
                Map.of(),
                settings.registryDist(),
                dir.resolve("registry.log"),
                dir.resolve("registry.pid"));
    }

    /**
     * Ready when the health check answers; then every subject defaults to FULL compatibility, the rule the build's
     * SchemaEvolutionTest checks each schema against its release with: old and new instances read each other's
     * records during a rolling upgrade.
     */
    void awaitReady(ServerProcess process, Instant deadline) throws InterruptedException, IOException {
        String base = "http://" + StackSettings.HOST + ":" + settings.registryManagementPort();
        Readiness.awaitHttpOk(process, base + "/health/ready", deadline);
        Readiness.awaitHttpOk(process, settings.registryUrl() + "/apis/ccompat/v7/subjects", deadline);
        int status =
                Readiness.httpPut(settings.registryUrl() + "/apis/ccompat/v7/config", "{\"compatibility\":\"FULL\"}");
        if (status != 200) {
            throw new IOException("Setting FULL compatibility on the registry answered HTTP " + status);
        }
    }
}
