package dev.digestpipeline.sink;

import dev.digestpipeline.schemas.Paper;
import java.util.List;

/** The Elasticsearch document of a paper: the Avro record's fields as JSON-friendly values. */
public record PaperDocument(
        String paperId,
        String arxivId,
        String title,
        String abstractText,
        List<String> authors,
        String digestDate,
        String publishedAt,
        List<String> sourcePages,
        List<LinkField> links,
        List<String> linkKinds,
        Integer upvotes,
        List<String> tags,
        List<TagScore> tagScores,
        String parsedAt) {

    public record LinkField(String kind, String url) {}

    public record TagScore(String name, double score) {}

    public static PaperDocument of(Paper paper) {
        return new PaperDocument(
                paper.getPaperId(),
                paper.getArxivId(),
                paper.getTitle(),
                paper.getAbstract$(),
                List.copyOf(paper.getAuthors()),
                paper.getDigestDate() == null ? null : paper.getDigestDate().toString(),
                paper.getPublishedAt() == null ? null : paper.getPublishedAt().toString(),
                List.copyOf(paper.getSourcePages()),
                paper.getLinks().stream().map(l -> new LinkField(l.getKind(), l.getUrl())).toList(),
                paper.getLinks().stream().map(l -> l.getKind()).distinct().sorted().toList(),
                paper.getUpvotes(),
                paper.getTags().stream().map(t -> t.getName()).toList(),
                paper.getTags().stream().map(t -> new TagScore(t.getName(), t.getScore())).toList(),
                paper.getParsedAt().toString());
    }
}
