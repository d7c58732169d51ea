package dev.digestpipeline.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {
    @Test
    void portsComeFromTheEnvironment(@TempDir Path home) {
        StackSettings settings = StackSettings.fromEnvironment(
                Map.of("DIGEST_HOME", home.toString(), "DIGEST_KAFKA_PORT", "19092", "DIGEST_ES_PORT", "19200"));
        assertEquals("127.0.0.1:19092", settings.bootstrapServers());
        assertEquals("http://127.0.0.1:19200", settings.elasticsearchUrl());
        assertEquals("http://127.0.0.1:8081", settings.registryUrl());
        assertEquals(home.resolve(".stack/local"), settings.dataDir());
    }

    @Test
    void portThatIsNotANumberIsAClearError(@TempDir Path home) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(Map.of("DIGEST_HOME", home.toString(), "DIGEST_ES_PORT", "nine")));
        assertEquals("DIGEST_ES_PORT must be a port number, not 'nine'", e.getMessage());
    }

    @Test
    void jdkFeatureVersionIsReadFromItsReleaseFile(@TempDir Path jdk) throws Exception {
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("bin/java"), "");
        jdk.resolve("bin/java").toFile().setExecutable(true);
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21.0.4\"\n");
        assertEquals(21, JavaRuntimes.featureVersion(jdk));
    }
}
