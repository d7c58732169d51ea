package dev.digestpipeline.common.kafka;

/**
 * The consumer groups of the pipeline's apps by default: each app's setting takes its default from here, and so do
 * the tools that watch the groups' lag from outside (the dashboard), without depending on the apps.
 */
public final class ConsumerGroups {
    /** Enrich's Kafka Streams application id: its consumer group and the prefix of its internal topics. */
    public static final String ENRICH = "digest-enrich";

    /** The sink's consumer group. */
    public static final String SINK = "digest-sink";

    private ConsumerGroups() {}
}
