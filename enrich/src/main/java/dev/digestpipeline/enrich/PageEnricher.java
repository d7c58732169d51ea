package dev.digestpipeline.enrich;

import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one raw page into its papers: detect the format, parse, derive ids, links and tags. */
public final class PageEnricher {
    private final TopicTagger tagger;
    private final Clock clock;

    public PageEnricher(TopicTagger tagger, Clock clock) {
        this.tagger = tagger;
        this.clock = clock;
    }

    /** The page's papers, one per paper id (a paper listed twice on a page comes out once). */
    public List<Paper> enrich(RawPage raw) throws UnparseablePageException {
        PageContent page = PageContent.of(raw);
        PageFormat format = PageFormatDetector.detect(raw.getKind(), page);
        List<ParsedPaper> parsed;
        try {
            parsed = format.parser().parse(page);
        } catch (UnparseablePageException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new UnparseablePageException(format.kind() + " parser failed: " + e, e);
        }
        if (parsed.isEmpty()) {
            throw new UnparseablePageException("no papers found on the page (read as " + format.kind() + ")");
        }
        Map<String, Paper> byId = new LinkedHashMap<>();
        for (ParsedPaper p : parsed) {
            Paper paper = toPaper(p, raw.getSourceUri());
            byId.putIfAbsent(paper.getPaperId(), paper);
        }
        return new ArrayList<>(byId.values());
    }

    private Paper toPaper(ParsedPaper p, String sourceUri) {
        List<Tag> tags = new ArrayList<>();
        for (TopicTagger.ScoredTag t : tagger.tag(p.title(), p.abstractText())) {
            tags.add(new Tag(t.name(), t.score()));
        }
        List<Link> links = new ArrayList<>();
        for (ExtractedLink l : p.links()) {
            links.add(new Link(l.kind(), l.url()));
        }
        return Paper.newBuilder()
                .setPaperId(PaperIds.of(p.arxivId(), p.title()))
                .setArxivId(p.arxivId())
                .setTitle(p.title())
                .setAbstract$(p.abstractText())
                .setAuthors(p.authors())
                .setDigestDate(p.digestDate())
                .setPublishedAt(p.publishedAt())
                .setSourcePages(List.of(sourceUri))
                .setLinks(links)
                .setUpvotes(p.upvotes())
                .setTags(tags)
                .setParsedAt(clock.instant())
                .build();
    }
}
