package dev.digestpipeline.common.kafka;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.PollState;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.ReplayedLetter;
import dev.digestpipeline.schemas.TagTrend;
import java.time.Duration;
import java.util.List;

/** The topic catalog: every topic of the pipeline, declared once; apps, tests and the README's table read it. */
public final class Topics {
    /** The only copy of the pages: kept long enough to outlast any outage downstream. */
    public static final TopicSpec<RawPage> PAGES_RAW = new TopicSpec<>(
                    "digest.pages.raw",
                    false,
                    RawPage.class,
                    "source URI",
                    "`RawPage`",
                    "delete",
                    Duration.ofDays(30),
                    "ingest",
                    "enrich")
            .withMaxMessageBytes(TopicSpec.LARGE_RECORDS);

    public static final TopicSpec<Paper> PAPERS = new TopicSpec<>(
            "digest.papers",
            false,
            Paper.class,
            "paper id",
            "`Paper`: the merged state, re-sent only when it changed (`revision` + 1); a tombstone retires a"
                    + " `title:` id whose paper turned out to have an arXiv id",
            "compact",
            null,
            "enrich",
            "sink, downstream consumers");
    /** On a tombstone of digest.papers: the revision the retirement is (decimal text), above the last state's. */
    public static final String REVISION_HEADER = "digest.revision";

    public static final TopicSpec<Paper> PAPERS_BY_TAG = new TopicSpec<>(
            "digest.papers.by-tag",
            false,
            Paper.class,
            "tag (`vision`, `language/llm`)",
            "`Paper`, once per paper and tag",
            "delete",
            Duration.ofDays(7),
            "enrich",
            "consumers of a tag");
    public static final TopicSpec<Paper> AREA = new TopicSpec<>(
            "digest.papers.area.",
            true,
            Paper.class,
            "paper id",
            "`Paper` with that area tag; one topic per area of the taxonomy",
            "delete",
            Duration.ofDays(7),
            "enrich",
            "consumers of an area");
    public static final TopicSpec<TagTrend> TRENDS = new TopicSpec<>(
            "digest.trends",
            false,
            TagTrend.class,
            "`tag|day|windowStart` or `tag|hour|windowStart`",
            "`TagTrend`: distinct papers with the tag in the window (day: the papers' own day; hour: first seen), "
                    + "`revision` + 1 on each record; `final` once the window closed; a tombstone when enrich forgets "
                    + "it",
            "compact,delete",
            Duration.ofDays(30),
            "enrich",
            "sink (into the `trends` index), dashboards");
    public static final TopicSpec<DeadLetter> PAGES_DLQ = new TopicSpec<>(
                    "digest.pages.dlq",
                    false,
                    DeadLetter.class,
                    "source URI",
                    "`DeadLetter` (stage, reason, source topic/partition/offset, original key and bytes)",
                    "delete",
                    Duration.ofDays(30),
                    "enrich",
                    "operators")
            .withMaxMessageBytes(TopicSpec.LARGE_RECORDS);
    public static final TopicSpec<DeadLetter> PAPERS_DLQ = new TopicSpec<>(
                    "digest.papers.dlq",
                    false,
                    DeadLetter.class,
                    "paper id (sink: the record's key)",
                    "`DeadLetter`",
                    "delete",
                    Duration.ofDays(30),
                    "enrich (merge, write), sink (read, index: papers and trends)",
                    "operators")
            .withMaxMessageBytes(TopicSpec.LARGE_RECORDS);
    public static final TopicSpec<ReplayedLetter> DLQ_REPLAYED = new TopicSpec<>(
                    "digest.dlq.replayed",
                    false,
                    ReplayedLetter.class,
                    "dead letter id (`pages/0/12`)",
                    "`ReplayedLetter`: written in the same transaction as the letter's bytes put back on their topic, so a "
                            + "letter is replayed once",
                    "compact",
                    null,
                    "`./digest dlq replay`",
                    "`./digest dlq replay`")
            .withPartitions(1); // read whole by each replay: one partition keeps it one fetch

    public static final TopicSpec<PollState> SOURCES_STATE = new TopicSpec<>(
                    "digest.sources.state",
                    false,
                    PollState.class,
                    "source id (`KIND,URL`)",
                    "`PollState`: validators and hash of the last published page, last poll, status and error, next due, "
                            + "failures in a row",
                    "compact",
                    null,
                    "ingest (feed poller)",
                    "ingest (feed poller, at start)")
            .withPartitions(1); // read whole by each poller at start

    /** In the order the README lists them: the data flow, then the dead letters. */
    public static final List<TopicSpec<?>> ALL =
            List.of(PAGES_RAW, PAPERS, PAPERS_BY_TAG, AREA, TRENDS, PAGES_DLQ, PAPERS_DLQ, DLQ_REPLAYED, SOURCES_STATE);

    private Topics() {}

    /** The README's topic table. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("""
                | topic | key | value (Avro, Confluent wire format) | cleanup | retention | partitions | largest record | written by | read by |
                |---|---|---|---|---|---|---|---|---|
                """);
        for (TopicSpec<?> t : ALL) {
            out.append("| `")
                    .append(t.shownName())
                    .append("` | ")
                    .append(t.key().replace("|", "\\|"))
                    .append(" | ")
                    .append(t.value().replace("|", "\\|"))
                    .append(" | ")
                    .append(t.cleanupPolicy())
                    .append(" | ")
                    .append(
                            t.retention() == null
                                    ? "the latest per key, for good"
                                    : t.retention().toDays() + " d")
                    .append(" | ")
                    .append(t.partitions() > 0 ? Integer.toString(t.partitions()) : "`partitions`")
                    .append(" | ")
                    .append(
                            t.maxMessageBytes() > 0
                                    ? t.maxMessageBytes() / (1024 * 1024) + " MiB"
                                    : "broker default (1 MiB)")
                    .append(" | ")
                    .append(t.writtenBy())
                    .append(" | ")
                    .append(t.readBy())
                    .append(" |\n");
        }
        return out.toString();
    }
}
