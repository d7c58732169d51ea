package dev.digestpipeline.enrich;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One paper as a parser read it from a page, before ids, links and tags are derived. Fields the page does not
 * give are null (or empty lists), never guessed.
 */
public record ParsedPaper(
        String title,
        String abstractText,
        List<String> authors,
        String arxivId,
        Integer upvotes,
        Instant publishedAt,
        LocalDate digestDate,
        List<ExtractedLink> links) {

    public ParsedPaper {
        authors = List.copyOf(authors);
        links = List.copyOf(links);
    }
}
