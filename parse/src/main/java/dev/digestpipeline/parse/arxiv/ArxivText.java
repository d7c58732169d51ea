package dev.digestpipeline.parse.arxiv;

import dev.digestpipeline.parse.fields.TextNormalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Small readers for the text conventions arXiv's pages and feeds share. */
public final class ArxivText {
    /** "Announce Type: new" at the head of an rss.arxiv.org summary. */
    private static final Pattern ANNOUNCE =
            Pattern.compile("Announce Type:\\s{0,5}([a-z-]{1,20})", Pattern.CASE_INSENSITIVE);
    /** The category code at the end of a subject name: "Computation and Language (cs.CL)". */
    private static final Pattern CATEGORY = Pattern.compile("\\(([a-z-]{2,20}(?:\\.[A-Za-z-]{2,10})?)\\)");
    /** "20 August 2025", "Wed, 20 Aug 2025", "Wed, 20 Aug 25". */
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(\\d{1,2})\\s{1,3}(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.?\\s{1,3}(\\d{4}|\\d{2})\\b",
            Pattern.CASE_INSENSITIVE);

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private ArxivText() {}

    /** The announce type ("new", "cross", "replace", "replace-cross") from a feed summary, or null. */
    static String announceType(String summary) {
        if (summary == null) {
            return null;
        }
        Matcher m = ANNOUNCE.matcher(summary.length() > 200 ? summary.substring(0, 200) : summary);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The abstract of a feed summary: the text after "Abstract:" when the summary has the arXiv preamble. */
    static String abstractOf(String summary) {
        if (summary == null) {
            return null;
        }
        int at = summary.indexOf("Abstract:");
        if (at >= 0 && at < 200) {
            return summary.substring(at + "Abstract:".length());
        }
        return summary;
    }

    /** The category codes named in a subjects line, in order: "Computation and Language (cs.CL); AI (cs.AI)". */
    public static List<String> categoriesIn(String subjects) {
        List<String> codes = new ArrayList<>();
        if (subjects == null) {
            return codes;
        }
        Matcher m = CATEGORY.matcher(subjects);
        while (m.find()) {
            if (!codes.contains(m.group(1))) {
                codes.add(m.group(1));
            }
        }
        return codes;
    }

    /** The first "day month year" date in the text, or null. */
    public static LocalDate dayIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DAY_MONTH_YEAR.matcher(text);
        if (!m.find()) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        try {
            return LocalDate.of(
                    year < 100 ? 2000 + year : year,
                    MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1,
                    Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** An ISO-8601 timestamp with offset or Z, or null when absent or malformed. */
    static Instant instant(String text) {
        OffsetDateTime time = offsetTime(text);
        return time == null ? null : time.toInstant();
    }

    /** The calendar day of an ISO-8601 timestamp in its own offset (arXiv's announce days are New York days). */
    static LocalDate localDay(String text) {
        OffsetDateTime time = offsetTime(text);
        return time == null ? null : time.toLocalDate();
    }

    private static OffsetDateTime offsetTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An RFC 1123 date (RSS pubDate), or null. */
    static ZonedDateTime rfc1123(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An element's text without its "Title:"/"Abstract:" descriptor labels; null for no element. */
    static String withoutDescriptors(Element element) {
        if (element == null) {
            return null;
        }
        Element copy = element.clone();
        copy.select(".descriptor").remove();
        return copy.text();
    }

    /** Authors from a comma-separated line ("A, B and C"), in order. */
    static List<String> authorList(String line) {
        List<String> names = new ArrayList<>();
        if (line == null) {
            return names;
        }
        for (String part : line.split(",|\\sand\\s", 0)) {
            String name = TextNormalizer.normalize(part);
            if (name != null && !name.equalsIgnoreCase("et al.")) {
                names.add(name);
            }
        }
        return names;
    }
}
