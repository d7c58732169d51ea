package dev.digestpipeline.schemas;

/** The pipeline's topic names, shared by the apps that write and read them. */
public final class Topics {
    /** Raw pages from ingest; key = source URI, value = {@link RawPage}. */
    public static final String PAGES_RAW = "digest.pages.raw";
    /** Parsed papers from enrich; key = paper id, value = {@link Paper}; compacted. */
    public static final String PAPERS = "digest.papers";
    /** Pages enrich could not read or parse; key = source URI, value = {@link DeadLetter}. */
    public static final String PAGES_DLQ = "digest.pages.dlq";
    /** Papers sink could not read or index; key = paper id, value = {@link DeadLetter}. */
    public static final String PAPERS_DLQ = "digest.papers.dlq";

    private Topics() {}
}
