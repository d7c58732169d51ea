package dev.digestpipeline.enrich;

import dev.digestpipeline.schemas.AppSettings;
import dev.digestpipeline.schemas.Topics;
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
        int streamThreads,
        Duration commitInterval,
        Duration summaryInterval,
        Path stateDir,
        Path taxonomy) {

    /** The topics the topology reads and writes. */
    public record TopicNames(String pagesRaw, String papers, String pagesDlq) {
        public static TopicNames defaults() {
            return new TopicNames(Topics.PAGES_RAW, Topics.PAPERS, Topics.PAGES_DLQ);
        }
    }

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("bootstrap.servers", "127.0.0.1:9092"),
            Map.entry("registry.url", "http://127.0.0.1:8081"),
            Map.entry("application.id", "digest-enrich"),
            Map.entry("topic.pages.raw", Topics.PAGES_RAW),
            Map.entry("topic.papers", Topics.PAPERS),
            Map.entry("topic.pages.dlq", Topics.PAGES_DLQ),
            Map.entry("partitions", "3"),
            Map.entry("stream.threads", "1"),
            Map.entry("commit.interval", "1s"),
            Map.entry("summary.interval", "30s"),
            Map.entry("state.dir", System.getProperty("java.io.tmpdir") + "/digest-enrich-state"),
            Map.entry("taxonomy", ""));

    public static EnrichConfig from(AppSettings settings) {
        String taxonomy = settings.optionalString("taxonomy");
        return new EnrichConfig(
                settings.string("bootstrap.servers"),
                settings.string("registry.url"),
                settings.string("application.id"),
                new TopicNames(settings.string("topic.pages.raw"), settings.string("topic.papers"),
                        settings.string("topic.pages.dlq")),
                settings.integer("partitions", 1, 1000),
                settings.integer("stream.threads", 1, 64),
                settings.duration("commit.interval"),
                settings.duration("summary.interval"),
                Path.of(settings.string("state.dir")),
                taxonomy == null ? null : Path.of(taxonomy));
    }


    public TopicTagger tagger() {
        return taxonomy == null ? TopicTagger.defaultTaxonomy() : TopicTagger.fromFile(taxonomy);
    }
}
