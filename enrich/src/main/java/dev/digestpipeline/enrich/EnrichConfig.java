package dev.digestpipeline.enrich;

import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Settings of the enrich app, validated at start. */
public record EnrichConfig(
        String bootstrapServers,
        String registryUrl,
        String applicationId,
        TopicNames topics,
        int partitions,
        short replicationFactor,
        Duration routedRetention,
        Duration trendRetention,
        EnrichTopology.TrendWindows trendWindows,
        int changelogMinInsyncReplicas,
        int streamThreads,
        Duration commitInterval,
        Duration summaryInterval,
        Path stateDir,
        Path taxonomy,
        Map<String, String> kafka) {

    /** The topics the topology reads and writes. */
    public record TopicNames(String pagesRaw, String papers, String pagesDlq, String papersDlq, String papersByTag,
                             String areaPrefix, String trends) {
        public static TopicNames defaults() {
            return new TopicNames(Topics.PAGES_RAW, Topics.PAPERS, Topics.PAGES_DLQ, Topics.PAPERS_DLQ,
                    Topics.PAPERS_BY_TAG, Topics.AREA_PREFIX, Topics.TRENDS);
        }

        /** The topic of one area: digest.papers.area.vision. */
        public String areaTopic(String area) {
            return areaPrefix + area;
        }
    }

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("bootstrap.servers", "127.0.0.1:9092"),
            Map.entry("registry.url", "http://127.0.0.1:8081"),
            Map.entry("application.id", "digest-enrich"),
            Map.entry("topic.pages.raw", Topics.PAGES_RAW),
            Map.entry("topic.papers", Topics.PAPERS),
            Map.entry("topic.pages.dlq", Topics.PAGES_DLQ),
            Map.entry("topic.papers.dlq", Topics.PAPERS_DLQ),
            Map.entry("topic.papers.by-tag", Topics.PAPERS_BY_TAG),
            Map.entry("topic.area.prefix", Topics.AREA_PREFIX),
            Map.entry("topic.trends", Topics.TRENDS),
            Map.entry("partitions", "3"),
            Map.entry("replication.factor", "1"),
            Map.entry("routed.retention", "7d"),
            Map.entry("trend.retention", "30d"),
            Map.entry("trend.day.grace", "6h"),
            Map.entry("trend.hour.grace", "30m"),
            Map.entry("changelog.min.insync.replicas", "1"),
            Map.entry("stream.threads", "1"),
            Map.entry("commit.interval", "1s"),
            Map.entry("summary.interval", "30s"),
            // per user: a shared temp folder may hold another user's state
            Map.entry("state.dir", System.getProperty("java.io.tmpdir") + "/digest-enrich-state-"
                    + System.getProperty("user.name")),
            Map.entry("taxonomy", ""));

    public static EnrichConfig from(AppSettings settings) {
        String taxonomy = settings.optionalString("taxonomy");
        int replication = settings.integer("replication.factor", 1, 16);
        int minInsync = settings.integer("changelog.min.insync.replicas", 1, 16);
        if (minInsync > replication) {
            throw new IllegalArgumentException("changelog.min.insync.replicas (" + minInsync
                    + ") cannot exceed replication.factor (" + replication + ")");
        }
        return new EnrichConfig(
                settings.string("bootstrap.servers"),
                settings.string("registry.url"),
                settings.string("application.id"),
                new TopicNames(settings.string("topic.pages.raw"), settings.string("topic.papers"),
                        settings.string("topic.pages.dlq"), settings.string("topic.papers.dlq"),
                        settings.string("topic.papers.by-tag"), settings.string("topic.area.prefix"),
                        settings.string("topic.trends")),
                settings.integer("partitions", 1, 1000),
                (short) replication,
                settings.duration("routed.retention"),
                settings.duration("trend.retention"),
                new EnrichTopology.TrendWindows(settings.duration("trend.day.grace"), settings.duration("trend.hour.grace")),
                minInsync,
                settings.integer("stream.threads", 1, 64),
                settings.duration("commit.interval"),
                settings.duration("summary.interval"),
                Path.of(settings.string("state.dir")),
                taxonomy == null ? null : Path.of(taxonomy),
                settings.kafka());
    }

    public TopicTagger tagger() {
        return taxonomy == null ? TopicTagger.bundled() : new TopicTagger(Taxonomy.fromFile(taxonomy));
    }

    /** Settings of the merge store's changelog topic. */
    public Map<String, String> changelogConfig() {
        return Map.of("min.insync.replicas", Integer.toString(changelogMinInsyncReplicas));
    }
}
