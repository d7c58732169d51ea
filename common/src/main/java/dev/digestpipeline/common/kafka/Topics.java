package dev.digestpipeline.common.kafka;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
/** The pipeline's topic names, shared by the apps that write and read them. */
public final class Topics {
    /** Raw pages from ingest; key = source URI, value = {@link RawPage}. */
    public static final String PAGES_RAW = "digest.pages.raw";
    /** Parsed papers from enrich; key = paper id, value = {@link Paper}; compacted. */
    public static final String PAPERS = "digest.papers";
    /** Pages enrich could not read or parse; key = source URI, value = {@link DeadLetter}. */
    public static final String PAGES_DLQ = "digest.pages.dlq";
    /** Papers enrich could not merge or write, and papers sink could not read or index; key = paper id. */
    public static final String PAPERS_DLQ = "digest.papers.dlq";
    /** Merged papers once per tag; key = tag, value = {@link Paper}. */
    public static final String PAPERS_BY_TAG = "digest.papers.by-tag";
    /** Prefix of the one-topic-per-area topics (digest.papers.area.vision, ...); key = paper id. */
    public static final String AREA_PREFIX = "digest.papers.area.";
    /** Distinct papers per tag per day and hour; key = tag|granularity|windowStart, value = {@link TagTrend}. */
    public static final String TRENDS = "digest.trends";

    private Topics() {}
}
