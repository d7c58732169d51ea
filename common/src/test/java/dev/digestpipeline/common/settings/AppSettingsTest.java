package dev.digestpipeline.common.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {
    private static final Map<String, String> DEFAULTS = Map.of("bootstrap.servers", "localhost:9092",
            "batch.size", "500", "poll.timeout", "1s");

    @Test
    void defaultsApplyWhenNothingElseIsGiven() {
        AppSettings settings = AppSettings.load(new String[0], Map.of(), DEFAULTS);
        assertEquals("localhost:9092", settings.string("bootstrap.servers"));
        assertEquals(500, settings.integer("batch.size", 1, 10_000));
        assertEquals(Duration.ofSeconds(1), settings.duration("poll.timeout"));
    }

    @Test
    void fileThenEnvironmentThenFlagsOverride(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "bootstrap.servers=file:1\nbatch.size=10\npoll.timeout=250ms\n");
        AppSettings settings = AppSettings.load(
                new String[] {"--config", file.toString(), "--batch.size=20", "page.txt"},
                Map.of("DIGEST_BOOTSTRAP_SERVERS", "env:2", "DIGEST_BATCH_SIZE", "15"), DEFAULTS);
        assertEquals("env:2", settings.string("bootstrap.servers"));
        assertEquals(20, settings.integer("batch.size", 1, 10_000));
        assertEquals(Duration.ofMillis(250), settings.duration("poll.timeout"));
        assertEquals(List.of("page.txt"), settings.operands());
    }

    @Test
    void outOfRangeNumberNamesTheSettingAndItsOrigin() {
        AppSettings settings = AppSettings.load(new String[0], Map.of("DIGEST_BATCH_SIZE", "0"), DEFAULTS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings.integer("batch.size", 1, 10_000));
        assertEquals("setting 'batch.size' (from DIGEST_BATCH_SIZE) must be between 1 and 10000, not 0", e.getMessage());
    }

    @Test
    void missingRequiredSettingSaysHowToGiveIt() {
        AppSettings settings = AppSettings.load(new String[0], Map.of(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.string("registry.url"));
        assertEquals("setting 'registry.url' is required: pass --registry.url=..., set DIGEST_REGISTRY_URL, "
                + "or put it in the --config file", e.getMessage());
    }

    @Test
    void unknownFlagIsAnErrorThatNamesTheSettingItIsATypoOf() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.load(new String[] {"--bach.size=20"}, Map.of(), DEFAULTS));
        assertEquals("unknown setting --bach.size (did you mean --batch.size?)", e.getMessage());
    }

    @Test
    void unknownKeyInTheConfigFileIsIgnoredAndReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("all-apps.properties");
        Files.writeString(file, "batch.size=10\nindex.alias=papers\n");
        AppSettings settings = AppSettings.load(new String[] {"--config=" + file}, Map.of(), DEFAULTS);
        assertEquals(10, settings.integer("batch.size", 1, 10_000));
        assertEquals(List.of("setting 'index.alias' in " + file + " is not one of this app's; ignored"), settings.ignored());
    }

    @Test
    void kafkaSettingsFromFileEnvironmentAndFlagsGoToTheClientsWithoutThePrefixButNotTheStackPorts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "kafka.security.protocol=SASL_SSL\nkafka.sasl.mechanism=PLAIN\n");
        AppSettings settings = AppSettings.load(
                new String[] {"--config", file.toString(), "--kafka.session.timeout.ms", "10000"},
                Map.of("DIGEST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "DIGEST_KAFKA_PORT", "19092"), DEFAULTS);
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "session.timeout.ms", "10000"), settings.kafka());
        assertEquals(List.of(), settings.operands());
    }

    @Test
    void summaryHidesPasswordsAndJaasConfigs() {
        AppSettings settings = AppSettings.load(new String[] {"--kafka.sasl.jaas.config=secret-login",
                "--kafka.ssl.truststore.password=hunter2"}, Map.of(), Map.of("batch.size", "500"));
        assertEquals("batch.size=500 (default), kafka.sasl.jaas.config=**** (--kafka.sasl.jaas.config), "
                + "kafka.ssl.truststore.password=**** (--kafka.ssl.truststore.password)", settings.summary());
    }

    @Test
    void switchesAreFlagsTooButOnlyTheOnesTheAppNames() {
        assertEquals(true, AppSettings.load(new String[] {"--describe"}, Map.of(), DEFAULTS, Set.of("help", "describe"))
                .flag("describe"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.load(new String[] {"--describe"}, Map.of(), DEFAULTS));
        assertEquals("unknown setting --describe", e.getMessage());
    }
}
