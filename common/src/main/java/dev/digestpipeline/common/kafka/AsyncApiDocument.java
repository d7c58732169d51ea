package dev.digestpipeline.common.kafka;

import java.util.Locale;

/**
 * The AsyncAPI 3 document of every topic in {@link Topics}, generated from the catalog so it cannot drift from it
 * ({@code docs/asyncapi.yaml} is this text; a test fails when it is stale): per topic a channel with its address,
 * Kafka bindings (partitions, cleanup policy, retention, largest record) and its message: the string key and the Avro
 * value, by reference to its schema file, in the Confluent wire format (schema id in the payload).
 */
public final class AsyncApiDocument {
    /** The partitions an app's {@code partitions} setting creates a topic with by default. */
    static final int DEFAULT_PARTITIONS = 3;

    private static final String BINDING_VERSION = "'0.5.0'";

    private AsyncApiDocument() {}

    public static String yaml(String version) {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Generated from the topic catalog (common/.../kafka/Topics.java) by AsyncApiDocument; do not edit:
                # mvn test -Ddigest.readme.update=true rewrites it.
                asyncapi: 3.0.0
                info:
                  title: digest-pipeline topics
                  version: VERSION
                  description: >-
                    Every Kafka topic of digest-pipeline: keys are UTF-8 strings; values are Avro records in the
                    Confluent wire format (magic byte 0, the schema's 4-byte id in the registry, Avro binary), their
                    schemas registered under the subject <topic>-value with FULL compatibility. Partition counts
                    are the defaults of the apps' partitions setting.
                servers:
                  local:
                    host: 127.0.0.1:9092
                    protocol: kafka
                    description: the local stack that ./digest up starts
                channels:
                """.replace("VERSION", version));
        for (TopicSpec<?> topic : Topics.ALL) {
            String id = channelId(topic);
            String message = topic.valueType().getSimpleName();
            out.append("  ").append(id).append(":\n");
            out.append("    address: ")
                    .append(quoted(topic.family() ? topic.name() + "{area}" : topic.name()))
                    .append('\n');
            out.append("    description: ").append(quoted(plain(topic.value()))).append('\n');
            if (topic.family()) {
                out.append("    parameters:\n      area:\n        description: an area of the taxonomy (vision, "
                        + "language, ...), one topic each\n");
            }
            out.append("    messages:\n      ").append(lowerFirst(message)).append(":\n");
            out.append("        $ref: '#/components/messages/").append(message).append("'\n");
            out.append("    bindings:\n      kafka:\n");
            if (!topic.family()) {
                out.append("        topic: ").append(quoted(topic.name())).append('\n');
            }
            out.append("        partitions: ")
                    .append(topic.partitions() > 0 ? topic.partitions() : DEFAULT_PARTITIONS)
                    .append('\n');
            // replicas: the broker's default.replication.factor unless an app's replication.factor says otherwise
            out.append("        topicConfiguration:\n");
            out.append("          cleanup.policy: [")
                    .append(String.join(", ", topic.cleanupPolicy().split(",")))
                    .append("]\n");
            out.append("          retention.ms: ")
                    .append(topic.retention() == null ? -1 : topic.retention().toMillis())
                    .append('\n');
            if (topic.maxMessageBytes() > 0) {
                out.append("          max.message.bytes: ")
                        .append(topic.maxMessageBytes())
                        .append('\n');
            }
            out.append("        bindingVersion: ").append(BINDING_VERSION).append('\n');
        }
        out.append("operations:\n");
        for (TopicSpec<?> topic : Topics.ALL) {
            String id = channelId(topic);
            out.append("  receive").append(upperFirst(id)).append(":\n");
            out.append("    action: receive\n");
            out.append("    channel:\n      $ref: '#/channels/").append(id).append("'\n");
            out.append("    summary: ")
                    .append(quoted("read by " + plain(topic.readBy())))
                    .append('\n');
        }
        out.append("components:\n  messages:\n");
        Topics.ALL.stream()
                .map(t -> t.valueType().getSimpleName())
                .distinct()
                .sorted()
                .forEach(message -> out.append("    ")
                        .append(message)
                        .append(":\n      name: ")
                        .append(message)
                        .append("\n      contentType: application/vnd.apache.avro+binary\n")
                        .append("      payload:\n        schemaFormat: application/vnd.apache.avro;version=1.9.0\n")
                        .append("        schema:\n          $ref: '../schemas/src/main/avro/")
                        .append(message)
                        .append(".avsc'\n      bindings:\n        kafka:\n          key:\n            type: string\n")
                        .append("          schemaIdLocation: payload\n          schemaIdPayloadEncoding: confluent\n")
                        .append("          bindingVersion: ")
                        .append(BINDING_VERSION)
                        .append('\n'));
        return out.toString();
    }

    /** digest.papers.by-tag -> digestPapersByTag; a family's name ends with its placeholder's word. */
    static String channelId(TopicSpec<?> topic) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        String name = topic.family() ? topic.name() + "area" : topic.name();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '-') {
                upper = true;
            } else {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return id.toString();
    }

    /** The catalog's text without its Markdown. */
    private static String plain(String markdown) {
        return markdown.replace("`", "");
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String lowerFirst(String s) {
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    private static String upperFirst(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
