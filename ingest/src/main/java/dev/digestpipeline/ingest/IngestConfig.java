package dev.digestpipeline.ingest;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.MIN_INSYNC_REPLICAS;
import static dev.digestpipeline.common.settings.CommonSettings.PARTITIONS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_CA_FILE;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_PASSWORD;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_TIMEOUT;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_USERNAME;
import static dev.digestpipeline.common.settings.CommonSettings.REPLICATION_FACTOR;

import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.common.settings.SettingSet;
import java.time.Duration;
import java.util.Map;

/** Settings of the ingest app, validated at start. */
public record IngestConfig(
        String bootstrapServers,
        RegistryAccess registry,
        String topic,
        TopicLayout layout,
        int maxPageBytes,
        Duration httpTimeout,
        String kind,
        String contact,
        Map<String, String> kafka) {

    static final Setting TOPIC = Setting.text("topic", Topics.PAGES_RAW.name(), "the topic pages are published to");
    /** Bytes the topic and the producer allow beyond the page itself (key, schema id, other fields). */
    static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    static final Setting MAX_PAGE_BYTES = Setting.integer(
            "max.page.bytes",
            8 * 1024 * 1024,
            1024,
            Topics.PAGES_RAW.maxMessageBytes() - RECORD_OVERHEAD_BYTES,
            "larger pages are refused, never truncated; at most what digest.pages.raw takes");
    static final Setting HTTP_TIMEOUT = Setting.duration(
            "http.timeout",
            "30s",
            "time allowed to connect to a URL's host, and again for its whole answer (redirects included)");
    static final Setting KIND = Setting.text(
            "kind",
            "",
            "the pages' format, when you know it (hf-daily-text, arxiv-atom, ...); blank: enrich detects it");

    public static final Setting CONTACT = Setting.text(
            "contact",
            "",
            "an e-mail address or URL put in the User-Agent, so a site's operator can reach whoever polls it");

    /** Every setting of ingest, in the order --help lists them. */
    public static final SettingSet SETTINGS = SettingSet.of(
            BOOTSTRAP_SERVERS,
            REGISTRY_URL,
            REGISTRY_USERNAME,
            REGISTRY_PASSWORD,
            REGISTRY_CA_FILE,
            REGISTRY_TIMEOUT,
            TOPIC,
            PARTITIONS,
            REPLICATION_FACTOR,
            MIN_INSYNC_REPLICAS,
            MAX_PAGE_BYTES,
            HTTP_TIMEOUT,
            KIND,
            CONTACT);

    public static IngestConfig from(AppSettings settings) {
        return new IngestConfig(
                settings.text(BOOTSTRAP_SERVERS),
                RegistryAccess.from(settings),
                settings.text(TOPIC),
                TopicLayout.from(settings),
                (int) settings.integer(MAX_PAGE_BYTES),
                settings.duration(HTTP_TIMEOUT),
                settings.optional(KIND),
                settings.optional(CONTACT),
                settings.kafka());
    }

    /** The config with the given settings over the defaults, as tests and the demo build it. */
    public static IngestConfig of(Map<String, String> env) {
        return from(AppSettings.load(new String[0], env, SETTINGS));
    }

    int maxRecordBytes() {
        return maxPageBytes + RECORD_OVERHEAD_BYTES;
    }
}
