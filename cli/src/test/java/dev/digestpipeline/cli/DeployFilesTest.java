package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.digestpipeline.common.metrics.Meters;
import dev.digestpipeline.common.metrics.MetricSpec;
import dev.digestpipeline.common.settings.SettingSet;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.PollerConfig;
import dev.digestpipeline.ops.OpsConfig;
import dev.digestpipeline.sink.SinkConfig;
import dev.digestpipeline.sink.index.PaperIndex;
import dev.digestpipeline.sink.index.TrendIndex;
import dev.digestpipeline.testsupport.DocSections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What Docker users get (docker-compose.yml and deploy/) cannot run here: it is checked as files against what the
 * code declares, so it cannot drift from it: the apps' metrics, the indices, the Kafka version.
 */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Services that run once and exit: nothing to check the health of. */
    private static final Set<String> ONE_SHOT = Set.of("registry-config", "kibana-setup", "ingest");

    private static Path file(String path) {
        return DocSections.checkout().resolve(path);
    }

    /** Read as Compose reads it: SnakeYAML resolves its anchors and aliases (Jackson's YAML tree keeps them apart). */
    private static JsonNode compose() throws Exception {
        Object parsed = new org.yaml.snakeyaml.Yaml().load(Files.readString(file("docker-compose.yml")));
        return JSON.valueToTree(parsed).get("services");
    }

    @Test
    void everyServiceThatKeepsRunningHasAHealthcheck() throws Exception {
        List<String> without = new ArrayList<>();
        compose().fields().forEachRemaining(s -> {
            if (!ONE_SHOT.contains(s.getKey()) && !s.getValue().has("healthcheck")) {
                without.add(s.getKey());
            }
        });
        assertEquals(List.of(), without);
    }

    @Test
    void everyAppIsGivenOnlyTheDigestSettingsItDeclares() throws Exception {
        Map<String, SettingSet> apps = Map.of(
                "enrich", EnrichConfig.SETTINGS,
                "sink", SinkConfig.SETTINGS,
                "poller", PollerConfig.SETTINGS,
                "ingest", IngestConfig.SETTINGS,
                "ops", OpsConfig.SETTINGS);
        JsonNode services = compose();
        List<String> unknown = new ArrayList<>();
        apps.forEach((app, declared) -> {
            Set<String> names = new java.util.HashSet<>();
            declared.all().forEach(setting -> names.add(setting.envName()));
            services.get(app).get("environment").fieldNames().forEachRemaining(name -> {
                if (name.startsWith("DIGEST_") && !name.startsWith("DIGEST_KAFKA_") && !names.contains(name)) {
                    unknown.add(app + ": " + name);
                }
            });
        });
        assertEquals(List.of(), unknown, "DIGEST_* names an app does not read (a typo is silently ignored)");
    }

    @Test
    void everyAppRunsTheImageTheDockerfileBuilds() throws Exception {
        String image = compose().at("/enrich/image").asText();
        assertEquals(".", compose().at("/enrich/build").asText());
        for (String app : List.of("enrich", "sink", "poller", "ingest", "ops")) {
            assertEquals(image, compose().at("/" + app + "/image").asText(), app);
        }
        String dockerfile = Files.readString(file("Dockerfile"));
        for (String module : List.of("enrich", "sink", "ingest", "ops")) {
            assertTrue(dockerfile.contains(module + "/target/" + module + "-*-app.jar"), module);
        }
    }

    @Test
    void kafkaAnswersTheHostAndTheContainersOnListenersOfTheirOwn() throws Exception {
        JsonNode env = compose().at("/kafka/environment");
        assertEquals(
                "INTERNAL://kafka:19092,HOST://127.0.0.1:9092",
                env.get("KAFKA_ADVERTISED_LISTENERS").asText());
        for (String app : List.of("enrich", "sink", "poller", "ingest", "ops")) {
            assertEquals(
                    "kafka:19092",
                    compose()
                            .at("/" + app + "/environment/DIGEST_BOOTSTRAP_SERVERS")
                            .asText(),
                    app);
        }
    }

    @Test
    void elasticsearchKeepsItsDiskProtection() throws Exception {
        assertFalse(
                compose().at("/elasticsearch/environment").has("cluster.routing.allocation.disk.threshold_enabled"));
    }

    @Test
    void everyAppExecsItsJvmSoThatSignalsReachIt() throws Exception {
        for (String app : List.of("enrich", "sink", "poller", "ingest")) {
            JsonNode service = compose().get(app);
            JsonNode command = service.has("command") ? service.get("command") : service.get("entrypoint");
            assertTrue(command.toString().contains("exec java "), app + ": " + command);
        }
    }

    @Test
    void kafkaIsTheVersionTheLocalStackRunsAndKeepsItsDataInAVolume() throws Exception {
        String pom = Files.readString(file("pom.xml"));
        Matcher version =
                Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertTrue(version.find());
        JsonNode kafka = compose().get("kafka");
        assertEquals("apache/kafka:" + version.group(1), kafka.get("image").asText());
        String logDirs = kafka.at("/environment/KAFKA_LOG_DIRS").asText();
        assertTrue(
                kafka.get("volumes").toString().contains(":" + logDirs + "\""),
                kafka.get("volumes").toString());
    }

    @Test
    void prometheusScrapesEveryAppAtTheMetricsPortComposeGivesIt() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String app : List.of("poller", "enrich", "sink")) {
            JsonNode env = compose().get(app).get("environment");
            expected.add(app + ":" + env.get("DIGEST_METRICS_PORT").asText());
        }
        JsonNode prometheus =
                YAML.readTree(file("deploy/prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        prometheus.at("/scrape_configs/0/static_configs/0/targets").forEach(t -> targets.add(t.asText()));
        assertEquals(expected, targets);
    }

    @Test
    void everyMetricTheGrafanaDashboardUsesIsOneTheAppsExport() throws Exception {
        JsonNode dashboard = JSON.readTree(
                file("deploy/grafana/dashboards/digest-pipeline.json").toFile());
        JsonNode datasource = YAML.readTree(
                file("deploy/grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = datasource.at("/datasources/0/uid").asText();
        Set<String> ours = new TreeSet<>();
        for (MetricSpec m : Meters.ALL) {
            ours.add(m.prometheusName());
            for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
                ours.add(m.prometheusName() + suffix);
            }
        }
        // a name not followed by '(' (a function), once groupings, label matchers and ranges are taken out
        Pattern metric = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\b(?!\\s*\\()");
        Set<String> unknown = new TreeSet<>();
        int used = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            assertEquals(
                    uid,
                    panel.at("/datasource/uid").asText(),
                    panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr")
                        .asText()
                        .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ")
                        .replaceAll("\\{[^}]*}", " ")
                        .replaceAll("\\[[^]]*]", " ");
                Matcher m = metric.matcher(expr);
                while (m.find()) {
                    String name = m.group(1);
                    used++;
                    boolean bound = Meters.BOUND_PREFIXES.stream().anyMatch(name::startsWith);
                    if (!ours.contains(name) && !bound && !name.equals("up")) {
                        unknown.add(name);
                    }
                }
            }
        }
        assertTrue(used > 10, "metrics found in the panels: " + used);
        assertEquals(Set.of(), unknown);
    }

    @Test
    void kibanasDataViewsAreTheSinksIndicesAndItsChartUsesTheirFields() throws Exception {
        SinkConfig sink = SinkConfig.of(Map.of());
        Map<String, JsonNode> objects = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file("deploy/kibana/saved-objects.ndjson"))) {
            JsonNode object = JSON.readTree(line);
            objects.put(object.get("id").asText(), object);
        }
        JsonNode papers = objects.get("digest-papers").get("attributes");
        JsonNode trends = objects.get("digest-trends").get("attributes");
        assertEquals(sink.alias(), papers.get("title").asText());
        assertEquals(sink.trendsAlias(), trends.get("title").asText());
        assertTrue(PaperIndex.mapping()
                .properties()
                .containsKey(papers.get("timeFieldName").asText()));
        Set<String> trendFields = TrendIndex.mapping().properties().keySet();
        assertTrue(trendFields.contains(trends.get("timeFieldName").asText()));
        JsonNode columns = objects.get("digest-trends-per-day")
                .at("/attributes/state/datasourceStates/formBased/layers/layer1/columns");
        columns.forEach(
                c -> assertTrue(trendFields.contains(c.get("sourceField").asText()), c.toString()));
    }
}
