package dev.digestpipeline.sink;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Settings of the sink app, validated at start. */
public record SinkConfig(
        String bootstrapServers,
        String registryUrl,
        String elasticsearchUrl,
        String groupId,
        String papersTopic,
        String trendsTopic,
        String deadLetterTopic,
        String alias,
        String trendsAlias,
        int batchSize,
        Duration pollTimeout,
        Duration summaryInterval,
        Map<String, String> kafka) {

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("bootstrap.servers", "127.0.0.1:9092"),
            Map.entry("registry.url", "http://127.0.0.1:8081"),
            Map.entry("elasticsearch.url", "http://127.0.0.1:9200"),
            Map.entry("group.id", "digest-sink"),
            Map.entry("topic.papers", Topics.PAPERS),
            Map.entry("topic.trends", Topics.TRENDS),
            Map.entry("topic.papers.dlq", Topics.PAPERS_DLQ),
            Map.entry("index.alias", "papers"),
            Map.entry("index.trends.alias", "trends"),
            Map.entry("batch.size", "500"),
            Map.entry("poll.timeout", "500ms"),
            Map.entry("summary.interval", "30s"));

    public static SinkConfig from(AppSettings settings) {
        return new SinkConfig(
                settings.string("bootstrap.servers"),
                settings.string("registry.url"),
                settings.string("elasticsearch.url"),
                settings.string("group.id"),
                settings.string("topic.papers"),
                // blank: trends are not indexed
                Objects.requireNonNullElse(settings.optionalString("topic.trends"), ""),
                settings.string("topic.papers.dlq"),
                settings.string("index.alias"),
                settings.string("index.trends.alias"),
                settings.integer("batch.size", 1, 10_000),
                settings.duration("poll.timeout"),
                settings.duration("summary.interval"),
                settings.kafka());
    }
}
