package dev.digestpipeline.parse;

import dev.digestpipeline.parse.arxiv.ArxivAbstractPageParser;
import dev.digestpipeline.parse.arxiv.ArxivAtomParser;
import dev.digestpipeline.parse.arxiv.ArxivListingParser;
import dev.digestpipeline.parse.arxiv.ArxivRssParser;
import dev.digestpipeline.parse.hf.DailyPapersApiParser;
import dev.digestpipeline.parse.hf.DailyPapersHtmlParser;
import dev.digestpipeline.parse.hf.DailyPapersTextParser;
import java.util.Locale;

/** The page formats enrich reads, with the parser for each. */
@SuppressWarnings("ImmutableEnumChecker") // the parsers hold no state
public enum PageFormat {
    HF_DAILY_TEXT("hf-daily-text", new DailyPapersTextParser()),
    HF_DAILY_HTML("hf-daily-html", new DailyPapersHtmlParser()),
    HF_DAILY_API_JSON("hf-daily-api-json", new DailyPapersApiParser()),
    ARXIV_LISTING_HTML("arxiv-listing-html", new ArxivListingParser()),
    ARXIV_ABS_HTML("arxiv-abs-html", new ArxivAbstractPageParser()),
    ARXIV_ATOM("arxiv-atom", new ArxivAtomParser()),
    ARXIV_RSS("arxiv-rss", new ArxivRssParser());

    private final String kind;
    private final DigestPageParser parser;

    PageFormat(String kind, DigestPageParser parser) {
        this.kind = kind;
        this.parser = parser;
    }

    /** The name used in RawPage.kind, in Paper.pageKind and in dead-letter reasons. */
    public String kind() {
        return kind;
    }

    public DigestPageParser parser() {
        return parser;
    }

    public static PageFormat ofKind(String kind) {
        for (PageFormat format : values()) {
            if (format.kind.equals(kind.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }
}
