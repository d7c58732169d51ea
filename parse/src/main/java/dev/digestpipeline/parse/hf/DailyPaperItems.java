package dev.digestpipeline.parse.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.arxiv.ArxivIds;
import dev.digestpipeline.parse.fields.TextNormalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the items of Hugging Face's daily papers JSON ({paper: {id, title, summary, authors, upvotes, ...}, ...}),
 * which both the API answer and the Daily Papers page's hydration data carry.
 */
final class DailyPaperItems {
    private DailyPaperItems() {}

    static PageParse read(JsonNode items, String where) throws UnparseablePageException {
        if (!items.isArray()) {
            throw new UnparseablePageException(where + ": expected an array of daily-paper items, found "
                    + items.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        PageParse.Collector out = new PageParse.Collector();
        int position = 0;
        for (JsonNode item : items) {
            position++;
            if (!item.isObject()) {
                out.skip(
                        position,
                        where + " item is " + item.getNodeType().toString().toLowerCase(Locale.ROOT)
                                + ", not an object");
                continue;
            }
            JsonNode paper = item.path("paper").isObject() ? item.get("paper") : item;
            String title = TextNormalizer.normalize(text(paper, "title", text(item, "title", null)));
            if (title == null) {
                out.skip(position, where + " item has no title");
                continue;
            }
            String summary = TextNormalizer.normalize(text(paper, "summary", text(item, "summary", null)));
            ParsedPaper.Builder parsed = ParsedPaper.builder(title)
                    .abstractText(summary)
                    .authors(authors(paper.path("authors")))
                    .arxiv(text(paper, "id", null))
                    .upvotes(integer(paper, "upvotes"))
                    .commentCount(integer(item, "numComments"))
                    .publishedAt(instant(text(paper, "publishedAt", null)))
                    .digestDate(day(text(paper, "submittedOnDailyAt", text(item, "publishedAt", null))));
            links(paper, parsed);
            out.add(parsed.build());
        }
        return out.result();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.asInt() : null;
    }

    private static List<String> authors(JsonNode authors) {
        List<String> names = new ArrayList<>();
        for (JsonNode author : authors) {
            String name = TextNormalizer.normalize(author.isTextual() ? author.asText() : text(author, "name", null));
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static void links(JsonNode paper, ParsedPaper.Builder parsed) {
        parsed.link("code", text(paper, "githubRepo", null));
        parsed.link("project", text(paper, "projectPage", null));
        String id = ArxivIds.normalize(text(paper, "id", null));
        if (id != null) {
            parsed.link("paper", ArxivIds.absUrl(id));
            parsed.link("pdf", ArxivIds.pdfUrl(id));
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate day(String value) {
        Instant instant = instant(value);
        return instant == null ? null : instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
