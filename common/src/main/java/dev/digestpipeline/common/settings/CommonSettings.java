package dev.digestpipeline.common.settings;

/** The settings more than one app takes, declared once. */
public final class CommonSettings {
    public static final Setting BOOTSTRAP_SERVERS =
            Setting.text("bootstrap.servers", "127.0.0.1:9092", "Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]");
    public static final Setting REGISTRY_URL = Setting.text(
            "registry.url",
            "http://127.0.0.1:8081",
            "schema registry base URL (Apicurio Registry; the apps use its Confluent-compatible API, /apis/ccompat/v7)");
    public static final Setting REGISTRY_USERNAME =
            Setting.text("registry.username", "", "schema registry user (HTTP basic auth); blank: none");
    public static final Setting REGISTRY_PASSWORD = Setting.text(
                    "registry.password", "", "password of registry.username")
            .asSecret();
    public static final Setting REGISTRY_CA_FILE = Setting.path(
            "registry.ca.file",
            "",
            "PEM file of the CA certificates an https registry is trusted by; blank: the JVM's");
    public static final Setting REGISTRY_TIMEOUT = Setting.duration(
            "registry.timeout",
            "10s",
            "deadline of one schema registry call (connecting, the answer and its body); past it the registry counts "
                    + "as unavailable and the record is retried, never dead-lettered");
    public static final Setting ELASTICSEARCH_URL = Setting.text(
            "elasticsearch.url",
            "http://127.0.0.1:9200",
            "Elasticsearch base URL, or the URLs of several nodes of the cluster separated by commas");
    public static final Setting PARTITIONS = Setting.integer(
            "partitions", 3, 1, 1000, "partitions of the topics the app creates when they do not exist");
    public static final Setting REPLICATION_FACTOR = Setting.integer(
            "replication.factor",
            -1,
            -1,
            16,
            "replicas of each topic the app creates (Kafka Streams' internal ones too); -1: the broker's "
                    + "default.replication.factor");
    public static final Setting MIN_INSYNC_REPLICAS = Setting.integer(
            "min.insync.replicas",
            -1,
            -1,
            16,
            "min.insync.replicas of each topic the app creates: the copies a write (acks=all) needs; -1: the "
                    + "broker's default; at most replication.factor");
    public static final Setting SUMMARY_INTERVAL =
            Setting.duration("summary.interval", "30s", "how often a summary line is logged");

    public static final Setting METRICS_HOST = Setting.text(
            "metrics.host",
            "127.0.0.1",
            "address /metrics and /health listen on; 127.0.0.1: this machine only, 0.0.0.0: every interface");
    public static final Setting METRICS_PORT = Setting.integer(
            "metrics.port",
            0,
            -1,
            65535,
            "port of /metrics (Prometheus) and /health; 0: a free port (logged at start), -1: none");

    private CommonSettings() {}
}
