package dev.digestpipeline.common.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {
    private static final Setting SERVERS = Setting.text("bootstrap.servers", "localhost:9092", "Kafka");
    private static final Setting BATCH = Setting.integer("batch.size", 500, 1, 10_000, "records per bulk");
    private static final Setting POLL = Setting.duration("poll.timeout", "1s", "poll wait");
    private static final Setting REGISTRY = Setting.text("registry.url", "", "registry");
    private static final Setting TOKEN =
            Setting.text("api.credential", "", "a credential").asSecret();
    private static final SettingSet DECLARED = SettingSet.of(SERVERS, BATCH, POLL);

    @Test
    void defaultsApplyWhenNothingElseIsGiven() {
        AppSettings settings = AppSettings.load(new String[0], Map.of(), DECLARED);
        assertEquals("localhost:9092", settings.text(SERVERS));
        assertEquals(500, settings.integer(BATCH));
        assertEquals(Duration.ofSeconds(1), settings.duration(POLL));
    }

    @Test
    void fileThenEnvironmentThenFlagsOverride(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "bootstrap.servers=file:1\nbatch.size=10\npoll.timeout=250ms\n");
        AppSettings settings = AppSettings.load(
                new String[] {"--config", file.toString(), "--batch.size=20", "page.txt"},
                Map.of(SERVERS.envName(), "env:2", BATCH.envName(), "15"),
                DECLARED);
        assertEquals("env:2", settings.text(SERVERS));
        assertEquals(20, settings.integer(BATCH));
        assertEquals(Duration.ofMillis(250), settings.duration(POLL));
        assertEquals(List.of("page.txt"), settings.operands());
    }

    @Test
    void outOfRangeNumberFailsTheLoadNamingTheSettingAndItsOrigin() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AppSettings.load(new String[0], Map.of("DIGEST_BATCH_SIZE", "0"), DECLARED));
        assertEquals(
                "setting 'batch.size' (from DIGEST_BATCH_SIZE) must be between 1 and 10000, not 0", e.getMessage());
    }

    @Test
    void malformedDurationFailsTheLoad() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AppSettings.load(new String[] {"--poll.timeout=soon"}, Map.of(), DECLARED));
        assertEquals(
                "setting 'poll.timeout' (from --poll.timeout) must be a duration like 500ms, 30s, 5m, 6h or 7d, "
                        + "not 'soon'",
                e.getMessage());
    }

    @Test
    void pathDefaultsNameThisJvmsTempFolderAndUser() {
        Setting state = Setting.path("state.dir", "${java.io.tmpdir}/state-${user.name}", "state");
        assertEquals(
                Path.of(System.getProperty("java.io.tmpdir") + "/state-" + System.getProperty("user.name")),
                AppSettings.load(new String[0], Map.of(), SettingSet.of(state)).path(state));
    }

    @Test
    void missingRequiredSettingSaysHowToGiveIt() {
        AppSettings settings = AppSettings.load(new String[0], Map.of(), SettingSet.of(REGISTRY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.text(REGISTRY));
        assertEquals(
                "setting 'registry.url' is required: pass --registry.url=..., set DIGEST_REGISTRY_URL, "
                        + "or put it in the --config file",
                e.getMessage());
    }

    @Test
    void unknownFlagIsAnErrorThatNamesTheSettingItIsATypoOf() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AppSettings.load(new String[] {"--bach.size=20"}, Map.of(), DECLARED));
        assertEquals("unknown setting --bach.size (did you mean --batch.size?)", e.getMessage());
    }

    @Test
    void anEnvironmentVariableNoAppReadsIsReportedWithTheNearestOneThatIs() {
        AppSettings settings =
                AppSettings.load(new String[0], Map.of("DIGEST_BOOTSTRAP_SERVER", "kafka:9092"), DECLARED);
        assertEquals(
                List.of("environment variable DIGEST_BOOTSTRAP_SERVER is not a setting of any app; ignored (did you "
                        + "mean DIGEST_BOOTSTRAP_SERVERS?)"),
                settings.ignored());
    }

    @Test
    void anotherAppsSettingTheLauncherOrTheStacksVariablesAreNotReported() {
        AppSettings settings = AppSettings.load(
                new String[0],
                Map.of(
                        "DIGEST_INDEX_REPLICAS", "0",
                        "DIGEST_HOME", "/opt/digest",
                        "DIGEST_KAFKA_PORT", "9092",
                        "DIGEST_KAFKA_SECURITY_PROTOCOL", "SSL"),
                DECLARED);
        assertEquals(List.of(), settings.ignored());
    }

    @Test
    void unknownKeyInTheConfigFileIsIgnoredAndReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("all-apps.properties");
        Files.writeString(file, "batch.size=10\nindex.alias=papers\n");
        AppSettings settings = AppSettings.load(new String[] {"--config=" + file}, Map.of(), DECLARED);
        assertEquals(10, settings.integer(BATCH));
        assertEquals(
                List.of("setting 'index.alias' in " + file + " is not one of this app's; ignored"), settings.ignored());
    }

    @Test
    void kafkaSettingsFromFileEnvironmentAndFlagsGoToTheClientsWithoutThePrefixButNotTheStackPorts(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "kafka.security.protocol=SASL_SSL\nkafka.sasl.mechanism=PLAIN\n");
        AppSettings settings = AppSettings.load(
                new String[] {"--config", file.toString(), "--kafka.session.timeout.ms", "10000"},
                Map.of("DIGEST_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "DIGEST_KAFKA_PORT", "19092"),
                DECLARED);
        assertEquals(
                Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "session.timeout.ms",
                        "10000"),
                settings.kafka());
        assertEquals(List.of(), settings.operands());
    }

    @Test
    void summaryHidesPasswordsAndJaasConfigs() {
        AppSettings settings = AppSettings.load(
                new String[] {"--kafka.sasl.jaas.config=secret-login", "--kafka.ssl.truststore.password=hunter2"},
                Map.of(),
                SettingSet.of(BATCH));
        assertEquals(
                "batch.size=500 (default), kafka.sasl.jaas.config=**** (--kafka.sasl.jaas.config), "
                        + "kafka.ssl.truststore.password=**** (--kafka.ssl.truststore.password)",
                settings.summary());
    }

    @Test
    void summaryHidesSettingsDeclaredSecret() {
        AppSettings settings =
                AppSettings.load(new String[] {"--api.credential=hunter2"}, Map.of(), SettingSet.of(TOKEN));
        assertEquals("api.credential=**** (--api.credential)", settings.summary());
    }

    @Test
    void switchesAreFlagsTooButOnlyTheOnesTheAppNames() {
        assertEquals(
                true,
                AppSettings.load(new String[] {"--describe"}, Map.of(), DECLARED.withSwitch("describe", "print it"))
                        .flag("describe"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AppSettings.load(new String[] {"--describe"}, Map.of(), DECLARED));
        assertEquals("unknown setting --describe", e.getMessage());
    }
}
