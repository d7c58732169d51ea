package dev.digestpipeline.sink;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;
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

import dev.digestpipeline.common.kafka.ConsumerGroups;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.metrics.MetricsAddress;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.common.settings.SettingSet;
import dev.digestpipeline.sink.index.IndexLayout;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Settings of the sink app, validated at start. */
public record SinkConfig(
        String bootstrapServers,
        RegistryAccess registry,
        ElasticsearchAccess elasticsearch,
        String groupId,
        String papersTopic,
        String trendsTopic,
        String deadLetterTopic,
        String alias,
        String trendsAlias,
        IndexLayout indexLayout,
        TopicLayout topicLayout,
        int batchSize,
        int bulkMaxBytes,
        Duration pollTimeout,
        Duration summaryInterval,
        MetricsAddress metrics,
        Map<String, String> kafka) {

    public static final Setting GROUP_ID = Setting.text("group.id", ConsumerGroups.SINK, "consumer group");
    static final Setting TOPIC_PAPERS = Setting.text("topic.papers", Topics.PAPERS.name(), "papers topic read");
    static final Setting TOPIC_TRENDS =
            Setting.text("topic.trends", Topics.TRENDS.name(), "trends topic read; blank: trends are not indexed");
    static final Setting TOPIC_PAPERS_DLQ = Setting.text(
            "topic.papers.dlq", Topics.PAPERS_DLQ.name(), "where records that cannot be read or indexed go");
    public static final Setting INDEX_ALIAS = Setting.text("index.alias", "papers", "alias of the papers index");
    public static final Setting TRENDS_ALIAS =
            Setting.text("index.trends.alias", "trends", "alias of the trends index");
    public static final Setting BATCH_SIZE =
            Setting.integer("batch.size", 500, 1, 10_000, "records per bulk request at most");
    static final Setting BULK_MAX_BYTES = Setting.integer(
            "bulk.max.bytes",
            5L * 1024 * 1024,
            1024,
            100L * 1024 * 1024,
            "bytes of documents per bulk request at most (Elasticsearch refuses more than http.max_content_length)");
    static final Setting POLL_TIMEOUT = Setting.duration("poll.timeout", "500ms", "longest wait for records per poll");

    /** Every setting of the sink, in the order --help lists them. */
    public static final SettingSet SETTINGS = SettingSet.of(
            BOOTSTRAP_SERVERS,
            REGISTRY_URL,
            REGISTRY_USERNAME,
            REGISTRY_PASSWORD,
            REGISTRY_CA_FILE,
            REGISTRY_TIMEOUT,
            ELASTICSEARCH_URL,
            ElasticsearchAccess.USERNAME,
            ElasticsearchAccess.PASSWORD,
            ElasticsearchAccess.API_KEY,
            ElasticsearchAccess.CA_FILE,
            GROUP_ID,
            TOPIC_PAPERS,
            TOPIC_TRENDS,
            TOPIC_PAPERS_DLQ,
            INDEX_ALIAS,
            TRENDS_ALIAS,
            IndexLayout.SHARDS,
            IndexLayout.REPLICAS,
            PARTITIONS,
            REPLICATION_FACTOR,
            MIN_INSYNC_REPLICAS,
            BATCH_SIZE,
            BULK_MAX_BYTES,
            POLL_TIMEOUT,
            SUMMARY_INTERVAL,
            METRICS_HOST,
            METRICS_PORT);

    public static SinkConfig from(AppSettings settings) {
        return new SinkConfig(
                settings.text(BOOTSTRAP_SERVERS),
                RegistryAccess.from(settings),
                ElasticsearchAccess.from(settings),
                settings.text(GROUP_ID),
                settings.text(TOPIC_PAPERS),
                Objects.requireNonNullElse(settings.optional(TOPIC_TRENDS), ""),
                settings.text(TOPIC_PAPERS_DLQ),
                settings.text(INDEX_ALIAS),
                settings.text(TRENDS_ALIAS),
                IndexLayout.from(settings),
                TopicLayout.from(settings),
                (int) settings.integer(BATCH_SIZE),
                (int) settings.integer(BULK_MAX_BYTES),
                settings.duration(POLL_TIMEOUT),
                settings.duration(SUMMARY_INTERVAL),
                MetricsAddress.from(settings),
                settings.kafka());
    }

    /** The config with the given environment over the defaults, as tests build it. */
    public static SinkConfig of(Map<String, String> env) {
        return from(AppSettings.load(new String[0], env, SETTINGS));
    }
}
