package dev.digestpipeline.parse.hf;

import dev.digestpipeline.parse.DigestPageParser;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.fields.TextNormalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text rendering of a Hugging Face Daily Papers page: header lines (site chrome and the day, e.g.
 * "Aug 20"), then per paper a title line, a blank line and an abstract paragraph.
 */
public final class DailyPapersTextParser implements DigestPageParser {
    private static final Pattern DAY_LINE = Pattern.compile(
            "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.? (\\d{1,2})(?:, (\\d{4}))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Set<String> CHROME = Set.of(
            "new",
            "get trending papers in your email inbox!",
            "subscribe",
            "daily papers",
            "byak and the research community",
            "trending papers",
            "submit");
    /** Longer than this, a one-line block is body text, not a title. */
    static final int MAX_TITLE_CHARS = 400;

    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        List<String> blocks = blocks(page.text());
        LocalDate day = null;
        int start = 0;
        // the header is site chrome and the day line; it ends at the first block that is neither
        while (start < blocks.size()) {
            String block = blocks.get(start);
            Matcher m = DAY_LINE.matcher(block);
            if (m.matches()) {
                day = resolveDay(m, page);
            } else if (!CHROME.contains(block.toLowerCase(Locale.ROOT))) {
                break;
            }
            start++;
        }
        List<ParsedPaper> papers = new ArrayList<>();
        String title = null;
        StringBuilder abstractText = null;
        for (int i = start; i < blocks.size(); i++) {
            String block = blocks.get(i);
            boolean titleLike = block.indexOf('\n') < 0 && block.length() <= MAX_TITLE_CHARS;
            if (title == null) {
                if (!titleLike) {
                    throw new UnparseablePageException("text page: block " + (i + 1) + " should be a paper title "
                            + "but is a " + block.length() + "-character paragraph: \"" + preview(block) + "\"");
                }
                title = block;
            } else if (abstractText == null) {
                abstractText = new StringBuilder(block);
            } else if (titleLike) {
                papers.add(paper(title, abstractText, day));
                title = block;
                abstractText = null;
            } else {
                // a second paragraph of the same abstract
                abstractText.append('\n').append(block);
            }
        }
        if (title != null) {
            papers.add(paper(title, abstractText, day));
        }
        return PageParse.of(papers);
    }

    private static ParsedPaper paper(String title, StringBuilder abstractText, LocalDate day) {
        ParsedPaper.Builder paper =
                ParsedPaper.builder(TextNormalizer.normalize(title)).digestDate(day);
        if (abstractText != null) {
            paper.abstractText(TextNormalizer.normalize(abstractText.toString()));
        }
        return paper.build();
    }

    /** Paragraphs separated by blank lines, each trimmed, with its line breaks kept. */
    public static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                if (!current.isEmpty()) {
                    blocks.add(current.toString());
                    current.setLength(0);
                }
            } else {
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(trimmed);
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current.toString());
        }
        return blocks;
    }

    /** "Aug 20" has no year: take it from an ISO date in the page's URI, else the latest such day not after fetch. */
    private static LocalDate resolveDay(Matcher m, PageContent page) {
        int month = monthNumber(m.group(1));
        int dayOfMonth = Integer.parseInt(m.group(2));
        try {
            if (m.group(3) != null) {
                return LocalDate.of(Integer.parseInt(m.group(3)), month, dayOfMonth);
            }
            Matcher iso = ISO_DATE.matcher(page.sourceUri() == null ? "" : page.sourceUri());
            while (iso.find()) {
                if (Integer.parseInt(iso.group(2)) == month && Integer.parseInt(iso.group(3)) == dayOfMonth) {
                    return LocalDate.of(Integer.parseInt(iso.group(1)), month, dayOfMonth);
                }
            }
            if (page.fetchedAt() == null) {
                return null;
            }
            LocalDate fetched = page.fetchedAt().atZone(ZoneOffset.UTC).toLocalDate();
            LocalDate candidate = LocalDate.of(fetched.getYear(), month, dayOfMonth);
            return candidate.isAfter(fetched.plusDays(1)) ? candidate.minusYears(1) : candidate;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int monthNumber(String name) {
        List<String> months =
                List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        return months.indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
    }

    private static String preview(String block) {
        String flat = block.replace('\n', ' ');
        return flat.length() <= 60 ? flat : flat.substring(0, 60).strip() + "...";
    }
}
