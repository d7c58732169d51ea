package dev.digestpipeline.enrich;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** arXiv identifiers: new style (2508.14567) and old style (cs/0112017), version suffix dropped. */
public final class ArxivIds {
    private static final Pattern ID = Pattern.compile(
            "(?:arxiv:)?((?:\\d{4}\\.\\d{4,5})|(?:[a-z-]+(?:\\.[A-Z]{2})?/\\d{7}))(?:v\\d+)?", Pattern.CASE_INSENSITIVE);

    private ArxivIds() {}

    /** The id without version, or null when the text is not an arXiv id. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ID.matcher(text.strip());
        return m.matches() ? m.group(1) : null;
    }
}
