package dev.digestpipeline.sink;

import dev.digestpipeline.schemas.AppSettings;
import dev.digestpipeline.schemas.Topics;
import java.time.Duration;
import java.util.Map;

/** Settings of the sink app, validated at start. */
public record SinkConfig(
        String bootstrapServers,
        String registryUrl,
        String elasticsearchUrl,
        String groupId,
        String papersTopic,
        String deadLetterTopic,
        String alias,
        int batchSize,
        Duration pollTimeout,
        Duration summaryInterval) {

    public static final Map<String, String> DEFAULTS = Map.of(
            "bootstrap.servers", "127.0.0.1:9092",
            "registry.url", "http://127.0.0.1:8081",
            "elasticsearch.url", "http://127.0.0.1:9200",
            "group.id", "digest-sink",
            "topic.papers", Topics.PAPERS,
            "topic.papers.dlq", Topics.PAPERS_DLQ,
            "index.alias", "papers",
            "batch.size", "500",
            "poll.timeout", "500ms",
            "summary.interval", "30s");

    public static SinkConfig from(AppSettings settings) {
        return new SinkConfig(
                settings.string("bootstrap.servers"),
                settings.string("registry.url"),
                settings.string("elasticsearch.url"),
                settings.string("group.id"),
                settings.string("topic.papers"),
                settings.string("topic.papers.dlq"),
                settings.string("index.alias"),
                settings.integer("batch.size", 1, 10_000),
                settings.duration("poll.timeout"),
                settings.duration("summary.interval"));
    }
}
