package dev.digestpipeline.ingest.poll;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a source is, the page format it declares to enrich (null: enrich detects it) and how often it is polled. */
public enum SourceKind {
    HF_DAILY_API(
            "hf-daily-api",
            "hf-daily-api-json",
            "the Hugging Face daily papers API, e.g. https://huggingface.co/api/daily_papers"),
    HF_DAILY_PAGE("hf-daily-page", "hf-daily-html", "the Daily Papers HTML page, https://huggingface.co/papers"),
    ARXIV_RSS("arxiv-rss", null, "an arXiv RSS or Atom feed, e.g. https://rss.arxiv.org/rss/cs.CL"),
    ARXIV_API(
            "arxiv-api",
            "arxiv-atom",
            "an arXiv API query, e.g. https://export.arxiv.org/api/query?search_query=cat:cs.CL"),
    ARXIV_LISTING(
            "arxiv-listing", "arxiv-listing-html", "an arXiv new-submissions listing, https://arxiv.org/list/CAT/new"),
    URL("url", null, "any digest page; enrich detects its format");

    /** Polled once an hour unless a source says otherwise. */
    public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

    private final String id;
    private final String pageFormat;
    private final String what;

    SourceKind(String id, String pageFormat, String what) {
        this.id = id;
        this.pageFormat = pageFormat;
        this.what = what;
    }

    public String id() {
        return id;
    }

    public String pageFormat() {
        return pageFormat;
    }

    /** The README's table of source kinds. */
    public static String markdownTable() {
        StringBuilder out =
                new StringBuilder("| kind | what it polls | page format given to enrich |\n|---|---|---|\n");
        for (SourceKind kind : values()) {
            out.append("| `")
                    .append(kind.id)
                    .append("` | ")
                    .append(kind.what)
                    .append(" | ")
                    .append(kind.pageFormat == null ? "detected" : "`" + kind.pageFormat + "`")
                    .append(" |\n");
        }
        return out.toString();
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
