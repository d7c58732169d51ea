package dev.digestpipeline.parse;

import dev.digestpipeline.parse.arxiv.ArxivIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One paper as a parser read it from a page, before ids, facts and tags are derived. Fields the page does not
 * give are null (or empty lists), never guessed.
 */
public record ParsedPaper(
        String title,
        String abstractText,
        List<String> authors,
        String arxivId,
        Integer arxivVersion,
        String primaryCategory,
        List<String> categories,
        Instant publishedAt,
        LocalDate digestDate,
        LocalDate announcedOn,
        String announceType,
        Integer upvotes,
        Integer commentCount,
        List<ExtractedLink> links) {

    public ParsedPaper {
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
        links = List.copyOf(links);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Parsers fill what their page gives; everything else stays absent. */
    public static final class Builder {
        private final String title;
        private String abstractText;
        private List<String> authors = List.of();
        private String arxivId;
        private Integer arxivVersion;
        private String primaryCategory;
        private final List<String> categories = new ArrayList<>();
        private Instant publishedAt;
        private LocalDate digestDate;
        private LocalDate announcedOn;
        private String announceType;
        private Integer upvotes;
        private Integer commentCount;
        private final List<ExtractedLink> links = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder abstractText(String value) {
            abstractText = value;
            return this;
        }

        public Builder authors(List<String> value) {
            authors = value;
            return this;
        }

        /** Sets id and version from an id as written (2508.14567v2, arXiv:cs/0112017); ignored when not an id. */
        public Builder arxiv(String idAsWritten) {
            ArxivIds.Id id = ArxivIds.parse(idAsWritten);
            if (id != null) {
                arxivId = id.id();
                arxivVersion = id.version() != null ? id.version() : arxivVersion;
            }
            return this;
        }

        public Builder arxivVersion(Integer value) {
            arxivVersion = value;
            return this;
        }

        /** Adds a category; the first one added is the primary unless {@link #primaryCategory} says otherwise. */
        public Builder category(String value) {
            if (value != null && !value.isBlank() && !categories.contains(value.strip())) {
                categories.add(value.strip());
            }
            return this;
        }

        public Builder primaryCategory(String value) {
            if (value != null && !value.isBlank()) {
                primaryCategory = value.strip();
                categories.remove(primaryCategory);
                categories.add(0, primaryCategory);
            }
            return this;
        }

        public Builder publishedAt(Instant value) {
            publishedAt = value;
            return this;
        }

        public Builder digestDate(LocalDate value) {
            digestDate = value;
            return this;
        }

        public Builder announcedOn(LocalDate value) {
            announcedOn = value;
            return this;
        }

        public Builder announceType(String value) {
            announceType = value;
            return this;
        }

        public Builder upvotes(Integer value) {
            upvotes = value;
            return this;
        }

        public Builder commentCount(Integer value) {
            commentCount = value;
            return this;
        }

        public Builder link(String kind, String url) {
            if (url != null && !url.isBlank()) {
                ExtractedLink link = new ExtractedLink(kind, url.strip());
                if (!links.contains(link)) {
                    links.add(link);
                }
            }
            return this;
        }

        public ParsedPaper build() {
            String primary =
                    primaryCategory != null ? primaryCategory : categories.isEmpty() ? null : categories.get(0);
            return new ParsedPaper(
                    title,
                    abstractText,
                    authors,
                    arxivId,
                    arxivVersion,
                    primary,
                    categories,
                    publishedAt,
                    digestDate,
                    announcedOn,
                    announceType,
                    upvotes,
                    commentCount,
                    links);
        }
    }
}
