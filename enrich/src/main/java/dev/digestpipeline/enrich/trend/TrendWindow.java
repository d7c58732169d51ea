package dev.digestpipeline.enrich.trend;

import java.time.Instant;

/** One tag's window of one granularity; its key, {@code tag|granularity|windowStart}, is its record key. */
public record TrendWindow(String tag, Granularity granularity, Instant start) {
    public Instant end() {
        return granularity.end(start);
    }

    public String key() {
        return key(tag, granularity, start.toString());
    }

    /** The key of a window whose start is already written out (ISO-8601), so that a paper's windows share it. */
    static String key(String tag, Granularity granularity, String start) {
        return key(tag, granularity.label() + "|" + start);
    }

    /** The key of a tag's window from the part after the tag ({@code granularity|windowStart}). */
    static String key(String tag, String afterTag) {
        return tag + "|" + afterTag;
    }

    /** The part of a key after its tag, {@code granularity|windowStart}: the same for every tag of one window. */
    static String afterTag(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    /** The tag of a key. */
    static String tag(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    /** The window of a key; tags hold no '|'. */
    public static TrendWindow parse(String key) {
        int last = key.lastIndexOf('|');
        int middle = last < 0 ? -1 : key.lastIndexOf('|', last - 1);
        if (middle <= 0) {
            throw new IllegalArgumentException("not a trend key (tag|granularity|windowStart): " + key);
        }
        return new TrendWindow(
                key.substring(0, middle),
                Granularity.of(key.substring(middle + 1, last)),
                Instant.parse(key.substring(last + 1)));
    }
}
