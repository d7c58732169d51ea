package dev.digestpipeline.ingest;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.METRICS_HOST;
import static dev.digestpipeline.common.settings.CommonSettings.METRICS_PORT;
import static dev.digestpipeline.common.settings.CommonSettings.MIN_INSYNC_REPLICAS;
import static dev.digestpipeline.common.settings.CommonSettings.PARTITIONS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_CA_FILE;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_PASSWORD;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_TIMEOUT;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_USERNAME;
import static dev.digestpipeline.common.settings.CommonSettings.REPLICATION_FACTOR;
import static dev.digestpipeline.common.settings.CommonSettings.SUMMARY_INTERVAL;

import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.metrics.MetricsAddress;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.common.settings.SettingSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Settings of the poller, validated at start; page limits, timeouts and the contact are ingest's own. */
public record PollerConfig(
        IngestConfig ingest,
        String stateTopic,
        Path sourcesFile,
        Duration hostGap,
        Duration arxivHostGap,
        Duration summaryInterval,
        MetricsAddress metrics) {

    public static final Setting SOURCES = Setting.path(
            "sources",
            "",
            "a sources file: one KIND,URL[,every=DURATION] per line, # comments; with no source given anywhere, "
                    + "the default sources are polled");
    static final Setting STATE_TOPIC =
            Setting.text("state.topic", Topics.SOURCES_STATE.name(), "the compacted topic of every source's state");
    static final Setting HOST_GAP = Setting.duration("host.gap", "1s", "the least time between two requests to a host");
    static final Setting ARXIV_HOST_GAP = Setting.duration(
            "arxiv.host.gap", "3s", "the same for arxiv.org and its subdomains (the arXiv API's terms ask 3 s)");

    /** Every setting of the poller, in the order --help lists them. */
    public static final SettingSet SETTINGS = SettingSet.of(
            BOOTSTRAP_SERVERS,
            REGISTRY_URL,
            REGISTRY_USERNAME,
            REGISTRY_PASSWORD,
            REGISTRY_CA_FILE,
            REGISTRY_TIMEOUT,
            IngestConfig.TOPIC,
            PARTITIONS,
            REPLICATION_FACTOR,
            MIN_INSYNC_REPLICAS,
            IngestConfig.CONTACT,
            SOURCES,
            STATE_TOPIC,
            HOST_GAP,
            ARXIV_HOST_GAP,
            IngestConfig.MAX_PAGE_BYTES,
            IngestConfig.HTTP_TIMEOUT,
            SUMMARY_INTERVAL,
            METRICS_HOST,
            METRICS_PORT);

    public static PollerConfig from(AppSettings settings) {
        return new PollerConfig(
                new IngestConfig(
                        settings.text(BOOTSTRAP_SERVERS),
                        RegistryAccess.from(settings),
                        settings.text(IngestConfig.TOPIC),
                        TopicLayout.from(settings),
                        (int) settings.integer(IngestConfig.MAX_PAGE_BYTES),
                        settings.duration(IngestConfig.HTTP_TIMEOUT),
                        "",
                        settings.optional(IngestConfig.CONTACT),
                        settings.kafka()),
                settings.text(STATE_TOPIC),
                settings.path(SOURCES),
                settings.duration(HOST_GAP),
                settings.duration(ARXIV_HOST_GAP),
                settings.duration(SUMMARY_INTERVAL),
                MetricsAddress.from(settings));
    }

    /** The config with the given settings over the defaults, as tests build it. */
    public static PollerConfig of(Map<String, String> env) {
        return from(AppSettings.load(new String[0], env, SETTINGS));
    }
}
