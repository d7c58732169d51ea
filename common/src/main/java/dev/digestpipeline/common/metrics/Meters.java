package dev.digestpipeline.common.metrics;

import java.util.List;

/** The catalog of our own metrics: every app's, declared once; the README's table is generated from it. */
public final class Meters {
    public static final MetricSpec INGEST_POLLS = counter(
            "digest.ingest.polls",
            "poller",
            List.of("source", "host", "status"),
            "polls, by source kind, host and outcome: the HTTP status, or `error` when no answer came or robots.txt "
                    + "disallowed it");
    public static final MetricSpec INGEST_FETCHED_BYTES =
            counter("digest.ingest.fetched.bytes", "poller", List.of("source"), "bytes of pages fetched whole");
    public static final MetricSpec INGEST_PUBLISHED =
            counter("digest.ingest.pages.published", "poller", List.of("source"), "pages Kafka acknowledged");
    public static final MetricSpec INGEST_PUBLISH_FAILED = counter(
            "digest.ingest.pages.publish.failed",
            "poller",
            List.of("source"),
            "pages Kafka did not acknowledge (the next poll fetches them again)");
    public static final MetricSpec ENRICH_PAGES =
            counter("digest.enrich.pages.parsed", "enrich", List.of(), "pages parsed into papers");
    public static final MetricSpec ENRICH_PAPERS =
            counter("digest.enrich.papers.parsed", "enrich", List.of(), "papers read from the pages parsed");
    public static final MetricSpec ENRICH_DEAD_LETTERS = counter(
            "digest.enrich.pages.dead.lettered", "enrich", List.of(), "pages sent to the pages dead-letter topic");
    public static final MetricSpec ENRICH_MERGE_EMITS =
            counter("digest.enrich.merge.emits", "enrich", List.of(), "merged states sent (a paper's state changed)");
    public static final MetricSpec ENRICH_MERGE_UNCHANGED =
            counter("digest.enrich.merge.unchanged", "enrich", List.of(), "sightings that changed no merged state");
    public static final MetricSpec ENRICH_TREND_TOO_OLD = counter(
            "digest.enrich.trend.changes.too.old",
            "enrich",
            List.of(),
            "trend changes to windows older than the trend retention, not counted");
    public static final MetricSpec ENRICH_TITLES_ABSORBED = counter(
            "digest.enrich.titles.absorbed",
            "enrich",
            List.of(),
            "papers first seen without an arXiv id that joined the paper of their arXiv id (title id retired)");
    public static final MetricSpec SINK_INDEXED = counter(
            "digest.sink.documents.indexed",
            "sink",
            List.of("index"),
            "documents Elasticsearch acknowledged, by index (`papers`, `trends`)");
    public static final MetricSpec SINK_STALE = counter(
            "digest.sink.stale.writes.skipped",
            "sink",
            List.of(),
            "revisions older than the one Elasticsearch holds, not written");
    public static final MetricSpec SINK_DEAD_LETTERS =
            counter("digest.sink.dead.letters", "sink", List.of(), "records sent to the papers dead-letter topic");
    public static final MetricSpec SINK_BULK_LATENCY =
            timer("digest.sink.bulk.latency", "sink", List.of(), "time of one bulk request to Elasticsearch");
    public static final MetricSpec SINK_FETCH_TO_INDEXED = timer(
            "digest.sink.fetch.to.indexed",
            "sink",
            List.of(),
            "from the fetch of the page that made a paper's revision to Elasticsearch acknowledging it (searchable "
                    + "one refresh, 1 s, later)");

    /** In the order the README lists them: by app, as data flows. */
    public static final List<MetricSpec> ALL = List.of(
            INGEST_POLLS,
            INGEST_FETCHED_BYTES,
            INGEST_PUBLISHED,
            INGEST_PUBLISH_FAILED,
            ENRICH_PAGES,
            ENRICH_PAPERS,
            ENRICH_DEAD_LETTERS,
            ENRICH_MERGE_EMITS,
            ENRICH_MERGE_UNCHANGED,
            ENRICH_TREND_TOO_OLD,
            ENRICH_TITLES_ABSORBED,
            SINK_INDEXED,
            SINK_STALE,
            SINK_DEAD_LETTERS,
            SINK_BULK_LATENCY,
            SINK_FETCH_TO_INDEXED);

    /**
     * Prefixes of the metrics the binders every app has export (JVM, process, Kafka clients and Kafka Streams):
     * what a dashboard may use besides {@link #ALL}.
     */
    public static final List<String> BOUND_PREFIXES =
            List.of("jvm_", "process_", "system_", "kafka_producer_", "kafka_consumer_", "kafka_stream_");

    private Meters() {}

    private static MetricSpec counter(String name, String app, List<String> labels, String description) {
        return new MetricSpec(name, MetricSpec.Type.COUNTER, app, labels, description);
    }

    private static MetricSpec timer(String name, String app, List<String> labels, String description) {
        return new MetricSpec(name, MetricSpec.Type.TIMER, app, labels, description);
    }

    /** The README's table of our metrics. */
    public static String markdownTable() {
        StringBuilder out =
                new StringBuilder("| metric | type | app | labels besides `app` | what |\n|---|---|---|---|---|\n");
        for (MetricSpec m : ALL) {
            out.append("| `")
                    .append(m.prometheusName())
                    .append("` | ")
                    .append(m.type() == MetricSpec.Type.COUNTER ? "counter" : "histogram")
                    .append(" | ")
                    .append(m.app())
                    .append(" | ")
                    .append(m.labels().isEmpty() ? "" : "`" + String.join("`, `", m.labels()) + "`")
                    .append(" | ")
                    .append(m.description())
                    .append(" |\n");
        }
        return out.toString();
    }
}
