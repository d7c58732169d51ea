package dev.digestpipeline.sink.index;

import dev.digestpipeline.schemas.TagTrend;

/**
 * The Elasticsearch document of a tag's count in one window. Its id is the tag, granularity and window start, so
 * each update overwrites the window's document and the final record leaves it with {@code closed = true}.
 */
public record TrendDocument(
        String tag,
        String area,
        String granularity,
        String windowStart,
        String windowEnd,
        int distinctPapers,
        boolean closed) {
    /** Field names as searches name them (TrendDocumentTest checks each is a field of the document). */
    public static final String TAG = "tag";

    public static final String GRANULARITY = "granularity";
    public static final String WINDOW_START = "windowStart";
    public static final String DISTINCT_PAPERS = "distinctPapers";
    /** The granularity of day windows, as digest.trends names it (enrich's Granularity.DAY). */
    public static final String DAY = "day";

    public static TrendDocument of(TagTrend trend) {
        String tag = trend.getTag();
        int slash = tag.indexOf('/');
        return new TrendDocument(
                tag,
                slash < 0 ? tag : tag.substring(0, slash),
                trend.getGranularity(),
                trend.getWindowStart().toString(),
                trend.getWindowEnd().toString(),
                trend.getDistinctPapers(),
                trend.getFinal$());
    }

    /**
     * The document's version, so that an update read late never replaces a later one: the window's revision, above
     * every version of the records from before revisions (whose counts only grew, and whose closing record came
     * last).
     */
    public static long version(TagTrend trend) {
        return trend.getRevision() > 0
                ? BEFORE_REVISIONS + trend.getRevision()
                : 2L * trend.getDistinctPapers() + (trend.getFinal$() ? 1 : 0);
    }

    /** Above 2 × the most papers a window of records without revisions could count. */
    private static final long BEFORE_REVISIONS = 1L << 32;

    public String id() {
        return tag + "|" + granularity + "|" + windowStart;
    }
}
