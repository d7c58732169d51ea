package dev.digestpipeline.ingest.poll;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a source is, the page format it declares to enrich (null: enrich detects it) and how often it is polled. */
public enum SourceKind {
    HF_DAILY_API("hf-daily-api", "hf-daily-api-json"),
    HF_DAILY_PAGE("hf-daily-page", "hf-daily-html"),
    ARXIV_RSS("arxiv-rss", null),
    ARXIV_API("arxiv-api", "arxiv-atom"),
    ARXIV_LISTING("arxiv-listing", "arxiv-listing-html"),
    URL("url", null);

    /** Polled once an hour unless a source says otherwise. */
    public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

    private final String id;
    private final String pageFormat;

    SourceKind(String id, String pageFormat) {
        this.id = id;
        this.pageFormat = pageFormat;
    }

    public String id() {
        return id;
    }

    public String pageFormat() {
        return pageFormat;
    }

    public static SourceKind of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown source kind '" + id + "' (one of "
                        + Arrays.stream(values()).map(SourceKind::id).collect(Collectors.joining(", ")) + ")"));
    }
}
