package dev.digestpipeline.enrich;

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

import dev.digestpipeline.common.kafka.ConsumerGroups;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.TopicSpec;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.metrics.MetricsAddress;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.common.settings.SettingSet;
import dev.digestpipeline.enrich.trend.TrendWindows;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.tagging.learned.AreaModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Settings of the enrich app, validated at start. */
public record EnrichConfig(
        String bootstrapServers,
        RegistryAccess registry,
        String applicationId,
        TopicNames topics,
        TopicCreation creation,
        TrendWindows trendWindows,
        StreamsTuning streams,
        TaggerChoice taggerChoice,
        Duration summaryInterval,
        MetricsAddress metrics,
        Map<String, String> kafka) {

    /**
     * How enrich creates its topics and Kafka Streams its internal ones: the common layout (partitions, replicas,
     * min.insync.replicas), and the routed and trend topics' retention.
     */
    public record TopicCreation(TopicLayout layout, Duration routedRetention, Duration trendRetention) {
        /** Settings of the stores' changelog topics: the layout's. */
        public Map<String, String> changelogConfig() {
            return layout.topicConfigs();
        }
    }

    /** How Kafka Streams runs: its threads, commits, state folder, standbys, and how many failed threads it replaces. */
    public record StreamsTuning(
            int streamThreads, Duration commitInterval, Path stateDir, int standbyReplicas, int threadReplacements) {}

    /** Which taxonomy and area model tag, and what tags the areas of papers without arXiv categories. */
    public record TaggerChoice(Path taxonomy, Path areaModel, TopicTagger.AreaSource areas) {
        /** The tagger they make: the built-in taxonomy and model where none is named. */
        public TopicTagger tagger() {
            return new TopicTagger(
                    taxonomy == null ? Taxonomy.bundled() : Taxonomy.fromFile(taxonomy),
                    areas == TopicTagger.AreaSource.TAXONOMY
                            ? null
                            : areaModel == null ? AreaModel.bundled() : AreaModel.fromFile(areaModel),
                    areas);
        }
    }

    /** The topics the topology reads and writes. */
    public record TopicNames(
            String pagesRaw,
            String papers,
            String pagesDlq,
            String papersDlq,
            String papersByTag,
            String areaPrefix,
            String trends) {
        public static TopicNames defaults() {
            return new TopicNames(
                    Topics.PAGES_RAW.name(),
                    Topics.PAPERS.name(),
                    Topics.PAGES_DLQ.name(),
                    Topics.PAPERS_DLQ.name(),
                    Topics.PAPERS_BY_TAG.name(),
                    Topics.AREA.name(),
                    Topics.TRENDS.name());
        }

        /** The topic of one area: digest.papers.area.vision. */
        public String areaTopic(String area) {
            return areaPrefix + area;
        }
    }

    public static final Setting APPLICATION_ID = Setting.text(
            "application.id",
            ConsumerGroups.ENRICH,
            "Kafka Streams application id: its consumer group, and the prefix of its internal topics");
    static final Setting TOPIC_PAGES_RAW = topic("topic.pages.raw", Topics.PAGES_RAW, "raw pages read");
    static final Setting TOPIC_PAPERS = topic("topic.papers", Topics.PAPERS, "merged papers written");
    static final Setting TOPIC_PAGES_DLQ = topic("topic.pages.dlq", Topics.PAGES_DLQ, "pages that could not be read");
    static final Setting TOPIC_PAPERS_DLQ =
            topic("topic.papers.dlq", Topics.PAPERS_DLQ, "papers that could not be merged or written");
    static final Setting TOPIC_PAPERS_BY_TAG =
            topic("topic.papers.by-tag", Topics.PAPERS_BY_TAG, "papers once per tag");
    static final Setting TOPIC_AREA_PREFIX =
            topic("topic.area.prefix", Topics.AREA, "prefix of the one-topic-per-area topics");
    static final Setting TOPIC_TRENDS = topic("topic.trends", Topics.TRENDS, "distinct papers per tag and window");
    static final Setting ROUTED_RETENTION = Setting.duration(
            "routed.retention",
            days(Topics.PAPERS_BY_TAG.retention()),
            "retention of digest.papers.by-tag and the area topics");
    static final Setting TREND_RETENTION =
            Setting.duration("trend.retention", days(Topics.TRENDS.retention()), "retention of digest.trends");
    static final Setting TREND_DAY_GRACE =
            Setting.duration("trend.day.grace", "6h", "how late a page may come and still count in its day");
    static final Setting TREND_HOUR_GRACE =
            Setting.duration("trend.hour.grace", "30m", "how late a page may come and still count in its hour");
    static final Setting TREND_DAY_RETENTION = Setting.duration(
            "trend.day.retention",
            "3650d",
            "how long after its end a day window keeps its count; pages about older days are not counted");
    static final Setting TREND_HOUR_RETENTION =
            Setting.duration("trend.hour.retention", "7d", "how long after its end an hour window keeps its count");
    static final Setting TREND_UPDATE_INTERVAL = Setting.duration(
            "trend.update.interval",
            "1s",
            "how often trend changes move on; a changed window reaches digest.trends, once, within two intervals");
    static final Setting STREAM_THREADS = Setting.integer(
            "stream.threads", 0, 0, 64, "Kafka Streams threads; 0: one per core available (at most one per partition)");
    public static final Setting COMMIT_INTERVAL = Setting.duration(
            "commit.interval",
            "200ms",
            "exactly-once commit interval: what enrich writes is read downstream only once committed");
    // not the temp folder, which a reboot may empty: restoring the stores from their changelogs takes long
    public static final Setting STATE_DIR = Setting.path(
            "state.dir",
            ".stack/local/apps/enrich-state",
            "Kafka Streams state folder; relative to the working folder (the checkout: under the stack's data)");
    static final Setting STANDBY_REPLICAS = Setting.integer(
            "standby.replicas",
            1,
            0,
            16,
            "warm copies of each store kept by other instances (num.standby.replicas), so a failover restores "
                    + "little; an instance alone keeps none");
    static final Setting THREAD_REPLACEMENTS = Setting.integer(
            "thread.replacements",
            5,
            0,
            1000,
            "failed stream threads replaced within 10 minutes before enrich stops with exit status 1");
    static final Setting TAXONOMY = Setting.path("taxonomy", "", "topic taxonomy file; blank: the built-in one");
    static final Setting AREA_MODEL =
            Setting.path("area.model", "", "learned area model file ('./digest train'); blank: the built-in one");
    static final Setting TAGGER_AREAS = Setting.text(
            "tagger.areas",
            "combined",
            "what tags the areas of papers without arXiv categories: taxonomy (its phrases), learned (the area"
                    + " model) or combined (the model, and the phrases where the model leans the same way)");

    /** The names of the topics enrich reads and writes, which a deployment may change. */
    public static final List<Setting> TOPIC_SETTINGS = List.of(
            TOPIC_PAGES_RAW,
            TOPIC_PAPERS,
            TOPIC_PAGES_DLQ,
            TOPIC_PAPERS_DLQ,
            TOPIC_PAPERS_BY_TAG,
            TOPIC_AREA_PREFIX,
            TOPIC_TRENDS);

    /** Every setting of enrich, in the order --help lists them. */
    public static final SettingSet SETTINGS = SettingSet.of(
                    BOOTSTRAP_SERVERS,
                    REGISTRY_URL,
                    REGISTRY_USERNAME,
                    REGISTRY_PASSWORD,
                    REGISTRY_CA_FILE,
                    REGISTRY_TIMEOUT,
                    APPLICATION_ID,
                    TOPIC_PAGES_RAW,
                    TOPIC_PAPERS,
                    TOPIC_PAGES_DLQ,
                    TOPIC_PAPERS_DLQ,
                    TOPIC_PAPERS_BY_TAG,
                    TOPIC_AREA_PREFIX,
                    TOPIC_TRENDS,
                    PARTITIONS,
                    REPLICATION_FACTOR,
                    ROUTED_RETENTION,
                    TREND_RETENTION,
                    TREND_DAY_GRACE,
                    TREND_HOUR_GRACE,
                    TREND_DAY_RETENTION,
                    TREND_HOUR_RETENTION,
                    TREND_UPDATE_INTERVAL,
                    MIN_INSYNC_REPLICAS,
                    STREAM_THREADS,
                    COMMIT_INTERVAL,
                    SUMMARY_INTERVAL,
                    STATE_DIR,
                    STANDBY_REPLICAS,
                    THREAD_REPLACEMENTS,
                    TAXONOMY,
                    AREA_MODEL,
                    TAGGER_AREAS,
                    METRICS_HOST,
                    METRICS_PORT)
            .withSwitch("describe", "print the topology (Topology#describe) and exit");

    /** The threads set, or for 0 one per core, but no more than the partitions: more would have no task. */
    static int streamThreads(int set, int partitions) {
        return set > 0 ? set : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
    }

    private static Setting topic(String name, TopicSpec<?> topic, String doc) {
        return Setting.text(name, topic.name(), doc);
    }

    private static String days(Duration retention) {
        return retention.toDays() + "d";
    }

    public static EnrichConfig from(AppSettings settings) {
        return new EnrichConfig(
                settings.text(BOOTSTRAP_SERVERS),
                RegistryAccess.from(settings),
                settings.text(APPLICATION_ID),
                new TopicNames(
                        settings.text(TOPIC_PAGES_RAW),
                        settings.text(TOPIC_PAPERS),
                        settings.text(TOPIC_PAGES_DLQ),
                        settings.text(TOPIC_PAPERS_DLQ),
                        settings.text(TOPIC_PAPERS_BY_TAG),
                        settings.text(TOPIC_AREA_PREFIX),
                        settings.text(TOPIC_TRENDS)),
                new TopicCreation(
                        TopicLayout.from(settings),
                        settings.duration(ROUTED_RETENTION),
                        settings.duration(TREND_RETENTION)),
                new TrendWindows(
                        settings.duration(TREND_DAY_GRACE),
                        settings.duration(TREND_HOUR_GRACE),
                        settings.duration(TREND_DAY_RETENTION),
                        settings.duration(TREND_HOUR_RETENTION),
                        settings.duration(TREND_UPDATE_INTERVAL)),
                new StreamsTuning(
                        streamThreads((int) settings.integer(STREAM_THREADS), (int) settings.integer(PARTITIONS)),
                        settings.duration(COMMIT_INTERVAL),
                        settings.path(STATE_DIR),
                        (int) settings.integer(STANDBY_REPLICAS),
                        (int) settings.integer(THREAD_REPLACEMENTS)),
                new TaggerChoice(
                        settings.path(TAXONOMY), settings.path(AREA_MODEL), areaSource(settings.text(TAGGER_AREAS))),
                settings.duration(SUMMARY_INTERVAL),
                MetricsAddress.from(settings),
                settings.kafka());
    }

    /** The config with the given environment over the defaults, as tests build it. */
    public static EnrichConfig of(Map<String, String> env) {
        return from(AppSettings.load(new String[0], env, SETTINGS));
    }

    /** The tagger the settings choose. */
    public TopicTagger tagger() {
        return taggerChoice.tagger();
    }

    static TopicTagger.AreaSource areaSource(String value) {
        for (TopicTagger.AreaSource source : TopicTagger.AreaSource.values()) {
            if (source.name().equalsIgnoreCase(value.strip())) {
                return source;
            }
        }
        throw new IllegalArgumentException(TAGGER_AREAS.name() + " is '" + value + "': it is one of "
                + Arrays.stream(TopicTagger.AreaSource.values())
                        .map(source -> source.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
