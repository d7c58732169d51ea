package dev.digestpipeline.ingest;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.kafka.Topics;
import java.time.Duration;
import java.util.Map;

/** Settings of the ingest app, validated at start. */
public record IngestConfig(
        String bootstrapServers,
        String registryUrl,
        String topic,
        int partitions,
        int maxPageBytes,
        Duration httpTimeout,
        String kind,
        Map<String, String> kafka) {

    public static final Map<String, String> DEFAULTS = Map.of(
            "bootstrap.servers", "127.0.0.1:9092",
            "registry.url", "http://127.0.0.1:8081",
            "topic", Topics.PAGES_RAW,
            "partitions", "3",
            "max.page.bytes", Integer.toString(8 * 1024 * 1024),
            "http.timeout", "30s",
            "kind", "");

    /** Bytes the topic and the producer allow beyond the page itself (key, schema id, other fields). */
    static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    public static IngestConfig from(AppSettings settings) {
        return new IngestConfig(
                settings.string("bootstrap.servers"),
                settings.string("registry.url"),
                settings.string("topic"),
                settings.integer("partitions", 1, 1000),
                settings.integer("max.page.bytes", 1024, 64 * 1024 * 1024),
                settings.duration("http.timeout"),
                settings.optionalString("kind"),
                settings.kafka());
    }


    int maxRecordBytes() {
        return maxPageBytes + RECORD_OVERHEAD_BYTES;
    }
}
