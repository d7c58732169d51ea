package dev.digestpipeline.stack;

import java.util.Map;

/** A loopback port of the local stack, declared once: what uses it, the variable that moves it, its default. */
public enum StackPort {
    KAFKA("Kafka", "DIGEST_KAFKA_PORT", 9092),
    KAFKA_CONTROLLER("Kafka controller", "DIGEST_KAFKA_CONTROLLER_PORT", 9093),
    REGISTRY("schema registry", "DIGEST_REGISTRY_PORT", 8081),
    REGISTRY_MANAGEMENT("schema registry management", "DIGEST_REGISTRY_MANAGEMENT_PORT", 9001),
    ELASTICSEARCH("Elasticsearch", "DIGEST_ES_PORT", 9200),
    ELASTICSEARCH_TRANSPORT("Elasticsearch transport", "DIGEST_ES_TRANSPORT_PORT", 9300);

    private final String what;
    private final String variable;
    private final int defaultPort;

    StackPort(String what, String variable, int defaultPort) {
        this.what = what;
        this.variable = variable;
        this.defaultPort = defaultPort;
    }

    public String what() {
        return what;
    }

    public String variable() {
        return variable;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The port the environment gives, else the default. */
    int from(Map<String, String> env) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not '" + value + "'", e);
        }
    }

    /** The README's table of the stack's ports. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| port of | environment | default |\n|---|---|---|\n");
        for (StackPort port : values()) {
            out.append("| ")
                    .append(port.what)
                    .append(" | `")
                    .append(port.variable)
                    .append("` | ")
                    .append(port.defaultPort)
                    .append(" |\n");
        }
        return out.toString();
    }
}
