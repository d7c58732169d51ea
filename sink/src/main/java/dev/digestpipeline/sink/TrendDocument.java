package dev.digestpipeline.sink;

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
     * The document's version: a window's count of distinct papers only grows, and its closing record comes last,
     * so an update read late never replaces a later one.
     */
    public long version() {
        return 2L * distinctPapers + (closed ? 1 : 0);
    }

    public String id() {
        return tag + "|" + granularity + "|" + windowStart;
    }
}
