package dev.digestpipeline.parse.arxiv;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** arXiv identifiers: new style (2508.14567) and old style (cs/0112017), with the version kept apart. */
public final class ArxivIds {
    private static final Pattern ID = Pattern.compile(
            "(?:arxiv:)?((?:\\d{4}\\.\\d{4,5})|(?:[a-z-]{2,20}(?:\\.[A-Z]{2})?/\\d{7}))(?:v(\\d{1,3}))?",
            Pattern.CASE_INSENSITIVE);
    /** The id at the end of an abs/pdf/html URL or an oai: identifier. */
    private static final Pattern IN_URL = Pattern.compile(
            "(?:/(?:abs|pdf|html|papers)/|oai:arxiv\\.org:)((?:\\d{4}\\.\\d{4,5})|(?:[a-z-]{2,20}(?:\\.[A-Z]{2})?/\\d{7}))(?:v(\\d{1,3}))?",
            Pattern.CASE_INSENSITIVE);

    /** An id without version, and the version when one was written. */
    public record Id(String id, Integer version) {}

    private ArxivIds() {}

    /** The id without version, or null when the text is not an arXiv id. */
    public static String normalize(String text) {
        Id id = parse(text);
        return id == null ? null : id.id();
    }

    /** The id and version of "2508.14567v2", "arXiv:2508.14567", a URL or an oai: identifier; null otherwise. */
    public static Id parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        Matcher m = ID.matcher(s);
        if (m.matches()) {
            return of(m);
        }
        if (s.length() < 300) {
            Matcher url = IN_URL.matcher(s);
            if (url.find()) {
                return of(url);
            }
        }
        return null;
    }

    private static Id of(Matcher m) {
        String id = m.group(1);
        int slash = id.indexOf('/');
        // old-style archive names are lower case (cs/0112017, math.GT/0309136 keeps its subject class)
        if (slash > 0) {
            String archive = id.substring(0, slash);
            int dot = archive.indexOf('.');
            archive = dot < 0
                    ? archive.toLowerCase(java.util.Locale.ROOT)
                    : archive.substring(0, dot).toLowerCase(java.util.Locale.ROOT) + archive.substring(dot);
            id = archive + id.substring(slash);
        }
        return new Id(id, m.group(2) == null ? null : Integer.valueOf(m.group(2)));
    }

    /** The abstract page of an id without version. */
    public static String absUrl(String id) {
        return "https://arxiv.org/abs/" + id;
    }

    /** The PDF of an id without version. */
    public static String pdfUrl(String id) {
        return "https://arxiv.org/pdf/" + id;
    }
}
