package dev.digestpipeline.sink.index;

import dev.digestpipeline.schemas.Paper;
import java.util.List;

/**
 * The Elasticsearch document of a paper: every field of the Avro record as a JSON-friendly value ({@code abstract}
 * as {@code abstractText}), plus fields derived for search ({@code linkKinds}, {@code repos}, {@code tagScores}).
 */
public record PaperDocument(
        String paperId,
        String arxivId,
        Integer arxivVersion,
        String title,
        String shortName,
        String abstractText,
        List<String> authors,
        String primaryCategory,
        List<String> categories,
        String digestDate,
        String publishedAt,
        String announcedOn,
        String announceType,
        List<String> sourcePages,
        List<SightingField> sightings,
        String pageKind,
        List<LinkField> links,
        List<String> linkKinds,
        List<String> repos,
        Integer upvotes,
        Integer commentCount,
        List<String> tags,
        List<TagScore> tagScores,
        List<String> modelSizes,
        List<String> computeBudgets,
        List<String> contextLengths,
        String parsedAt,
        int revision,
        int appearances,
        String firstSeenAt,
        String lastSeenAt) {
    /** Field names as searches name them, one per field a search of ours reads (PaperDocumentTest checks them). */
    public static final String PAPER_ID = "paperId";

    public static final String SOURCE_PAGES = "sourcePages";
    public static final String TAGS = "tags";
    public static final String DIGEST_DATE = "digestDate";
    public static final String ANNOUNCED_ON = "announcedOn";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String PAGE_KIND = "pageKind";
    public static final String TITLE = "title";
    public static final String ABSTRACT_TEXT = "abstractText";
    public static final String AUTHORS = "authors";
    public static final String ARXIV_ID = "arxivId";
    public static final String SHORT_NAME = "shortName";

    public record LinkField(String kind, String url, String repo) {}

    public record TagScore(String name, double score, List<String> evidence) {}

    public record SightingField(String pageUri, int position, String digestDate, String seenAt) {}

    public static PaperDocument of(Paper paper) {
        return new PaperDocument(
                paper.getPaperId(),
                paper.getArxivId(),
                paper.getArxivVersion(),
                paper.getTitle(),
                paper.getShortName(),
                paper.getAbstract$(),
                List.copyOf(paper.getAuthors()),
                paper.getPrimaryCategory(),
                List.copyOf(paper.getCategories()),
                text(paper.getDigestDate()),
                text(paper.getPublishedAt()),
                text(paper.getAnnouncedOn()),
                paper.getAnnounceType(),
                List.copyOf(paper.getSourcePages()),
                paper.getSightings().stream()
                        .map(s -> new SightingField(
                                s.getPageUri(), s.getPosition(), text(s.getDigestDate()), text(s.getSeenAt())))
                        .toList(),
                paper.getPageKind(),
                paper.getLinks().stream()
                        .map(l -> new LinkField(l.getKind(), l.getUrl(), l.getRepo()))
                        .toList(),
                paper.getLinks().stream()
                        .map(l -> l.getKind())
                        .distinct()
                        .sorted()
                        .toList(),
                paper.getLinks().stream()
                        .map(l -> l.getRepo())
                        .filter(r -> r != null)
                        .distinct()
                        .toList(),
                paper.getUpvotes(),
                paper.getCommentCount(),
                paper.getTags().stream().map(t -> t.getName()).toList(),
                paper.getTags().stream()
                        .map(t -> new TagScore(t.getName(), t.getScore(), List.copyOf(t.getEvidence())))
                        .toList(),
                List.copyOf(paper.getModelSizes()),
                List.copyOf(paper.getComputeBudgets()),
                List.copyOf(paper.getContextLengths()),
                paper.getParsedAt().toString(),
                paper.getRevision(),
                paper.getAppearances(),
                text(paper.getFirstSeenAt()),
                text(paper.getLastSeenAt()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
