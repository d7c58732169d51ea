package dev.digestpipeline.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the items of Hugging Face's daily papers JSON ({paper: {id, title, summary, authors, upvotes, ...}, ...}),
 * which both the API answer and the Daily Papers page's hydration data carry.
 */
final class DailyPaperItems {
    private DailyPaperItems() {}

    static List<ParsedPaper> read(JsonNode items, String where) throws UnparseablePageException {
        if (!items.isArray()) {
            throw new UnparseablePageException(where + ": expected an array of daily-paper items, found "
                    + items.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        List<ParsedPaper> papers = new ArrayList<>();
        int position = 0;
        for (JsonNode item : items) {
            position++;
            JsonNode paper = item.has("paper") ? item.get("paper") : item;
            String title = TextNormalizer.normalize(text(paper, "title", text(item, "title", null)));
            if (title == null) {
                throw new UnparseablePageException(where + ": item " + position + " has no title");
            }
            papers.add(new ParsedPaper(
                    title,
                    TextNormalizer.normalize(text(paper, "summary", text(item, "summary", null))),
                    authors(paper.path("authors")),
                    ArxivIds.normalize(text(paper, "id", null)),
                    paper.path("upvotes").isNumber() ? paper.path("upvotes").asInt() : null,
                    instant(text(paper, "publishedAt", null)),
                    day(text(paper, "submittedOnDailyAt", null)),
                    links(paper)));
        }
        return papers;
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

    private static List<ExtractedLink> links(JsonNode paper) {
        List<ExtractedLink> links = new ArrayList<>();
        String repo = text(paper, "githubRepo", null);
        if (repo != null && !repo.isBlank()) {
            links.add(new ExtractedLink("code", repo.strip()));
        }
        String project = text(paper, "projectPage", null);
        if (project != null && !project.isBlank()) {
            links.add(new ExtractedLink("project", project.strip()));
        }
        String id = ArxivIds.normalize(text(paper, "id", null));
        if (id != null) {
            links.add(new ExtractedLink("paper", "https://arxiv.org/abs/" + id));
            links.add(new ExtractedLink("pdf", "https://arxiv.org/pdf/" + id));
        }
        return links;
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
