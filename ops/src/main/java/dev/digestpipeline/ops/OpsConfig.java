package dev.digestpipeline.ops;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;
import static dev.digestpipeline.common.settings.CommonSettings.METRICS_HOST;
import static dev.digestpipeline.common.settings.CommonSettings.METRICS_PORT;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;

import dev.digestpipeline.common.kafka.ConsumerGroups;
import dev.digestpipeline.common.metrics.MetricsAddress;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.common.settings.SettingSet;
import dev.digestpipeline.sink.ElasticsearchAccess;
import dev.digestpipeline.sink.SinkConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of the ops app (the dashboard), validated at start. */
public record OpsConfig(
        String bootstrapServers,
        String registryUrl,
        ElasticsearchAccess elasticsearch,
        String enrichApplicationId,
        String sinkGroupId,
        String papersAlias,
        String trendsAlias,
        String dashboardHost,
        int dashboardPort,
        Map<String, String> appHealth,
        Duration sampleInterval,
        MetricsAddress metrics) {

    static final Setting DASHBOARD_HOST = Setting.text(
            "dashboard.host",
            "127.0.0.1",
            "address the dashboard listens on; 127.0.0.1: this machine only (it can replay dead letters)");
    public static final Setting DASHBOARD_PORT =
            Setting.integer("dashboard.port", 8095, 0, 65535, "port of the dashboard; 0: a free port (logged)");
    static final Setting ENRICH_APPLICATION_ID = Setting.text(
            "enrich.application.id",
            ConsumerGroups.ENRICH,
            "enrich's application id: its consumer group and the prefix of its internal topics");
    static final Setting SINK_GROUP_ID =
            Setting.text("sink.group.id", ConsumerGroups.SINK, "the sink's consumer group");
    public static final Setting APPS = Setting.text(
            "dashboard.apps",
            "",
            "the apps' health endpoints, NAME=URL[,NAME=URL...] (poller, enrich, sink): a stage is up when its "
                    + "/health/ready answers 200; './digest up' passes them; blank: from consumer groups only");
    static final Setting SAMPLE_INTERVAL = Setting.duration(
            "dashboard.sample.interval", "5s", "how often the dashboard samples offsets and counts for its rates");

    /** Every setting of the ops app, in the order --help lists them. */
    public static final SettingSet SETTINGS = SettingSet.of(
            BOOTSTRAP_SERVERS,
            REGISTRY_URL,
            ELASTICSEARCH_URL,
            ElasticsearchAccess.USERNAME,
            ElasticsearchAccess.PASSWORD,
            ElasticsearchAccess.API_KEY,
            ElasticsearchAccess.CA_FILE,
            ENRICH_APPLICATION_ID,
            SINK_GROUP_ID,
            SinkConfig.INDEX_ALIAS,
            SinkConfig.TRENDS_ALIAS,
            DASHBOARD_HOST,
            DASHBOARD_PORT,
            APPS,
            SAMPLE_INTERVAL,
            METRICS_HOST,
            METRICS_PORT);

    public static OpsConfig from(AppSettings settings) {
        return new OpsConfig(
                settings.text(BOOTSTRAP_SERVERS),
                settings.text(REGISTRY_URL),
                ElasticsearchAccess.from(settings),
                settings.text(ENRICH_APPLICATION_ID),
                settings.text(SINK_GROUP_ID),
                settings.text(SinkConfig.INDEX_ALIAS),
                settings.text(SinkConfig.TRENDS_ALIAS),
                settings.text(DASHBOARD_HOST),
                (int) settings.integer(DASHBOARD_PORT),
                apps(settings.optional(APPS)),
                settings.duration(SAMPLE_INTERVAL),
                MetricsAddress.from(settings));
    }

    /** The config with the given environment over the defaults, as tests build it. */
    public static OpsConfig of(Map<String, String> env) {
        return from(AppSettings.load(new String[0], env, SETTINGS));
    }

    /** NAME=URL pairs, in their order. */
    static Map<String, String> apps(String value) {
        Map<String, String> apps = new LinkedHashMap<>();
        if (value == null) {
            return apps;
        }
        for (String pair : value.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(
                        APPS.name() + " is NAME=URL[,NAME=URL...], not '" + value + "' (at '" + pair + "')");
            }
            apps.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return apps;
    }
}
