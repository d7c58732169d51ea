package dev.digestpipeline.enrich.page;

import dev.digestpipeline.parse.ExtractedLink;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageFormat;
import dev.digestpipeline.parse.PageFormatDetector;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.fields.AbstractFacts;
import dev.digestpipeline.parse.fields.LinkClassifier;
import dev.digestpipeline.parse.fields.PaperIds;
import dev.digestpipeline.parse.fields.ShortNames;
import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.Sighting;
import dev.digestpipeline.schemas.Tag;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one raw page into its papers: detect the format, parse, derive ids, links, facts and tags. */
public final class PageEnricher {
    private final TopicTagger tagger;
    private final Clock clock;

    /** A page's papers (one per paper id, in page order) and the entries that could not be read. */
    public record EnrichedPage(PageFormat format, List<Paper> papers, List<String> skipped) {}

    public PageEnricher(TopicTagger tagger, Clock clock) {
        this.tagger = tagger;
        this.clock = clock;
    }

    public EnrichedPage enrich(RawPage raw) throws UnparseablePageException {
        PageContent page = contentOf(raw);
        PageFormat format = PageFormatDetector.detect(raw.getKind(), page);
        try {
            return papersOf(format, format.parser().parse(page), raw);
        } catch (UnparseablePageException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new UnparseablePageException(format.kind() + " parser failed: " + e, e);
        }
    }

    private static PageContent contentOf(RawPage page) {
        ByteBuffer buffer = page.getContent().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new PageContent(page.getSourceUri(), page.getContentType(), page.getFetchedAt(), bytes);
    }

    private EnrichedPage papersOf(PageFormat format, PageParse parsed, RawPage raw) throws UnparseablePageException {
        List<String> skipped = new ArrayList<>(parsed.skipped());
        Map<String, Paper> byId = new LinkedHashMap<>();
        int position = 0;
        for (ParsedPaper p : parsed.papers()) {
            position++;
            if (p.title() == null || p.title().isBlank()) {
                skipped.add("entry " + position + ": title is empty once whitespace is folded");
                continue;
            }
            Paper paper = toPaper(p, format, raw, position);
            byId.putIfAbsent(paper.getPaperId(), paper);
        }
        if (byId.isEmpty()) {
            String why = skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped);
            throw new UnparseablePageException("no papers found on the page (read as " + format.kind() + ")" + why);
        }
        return new EnrichedPage(format, new ArrayList<>(byId.values()), skipped);
    }

    /** Derives the record fields a page does not state: id, short name, repo of code links, facts, tags. */
    Paper toPaper(ParsedPaper p, PageFormat format, RawPage raw, int position) {
        List<Tag> tags = TagRecords.tag(tagger, p.title(), p.abstractText(), p.categories());
        // links the page gives, then URLs written in the abstract, each URL once
        Map<String, Link> links = new LinkedHashMap<>();
        List<ExtractedLink> found = new ArrayList<>(p.links());
        if (p.abstractText() != null && p.abstractText().contains("://")) {
            found.addAll(LinkClassifier.linksIn(p.abstractText()));
        }
        for (ExtractedLink l : found) {
            links.putIfAbsent(
                    l.url(),
                    new Link(l.kind(), l.url(), l.kind().equals("code") ? LinkClassifier.repoOf(l.url()) : null));
        }
        AbstractFacts facts = AbstractFacts.of(p.abstractText());
        return Paper.newBuilder()
                .setPaperId(PaperIds.of(p.arxivId(), p.title()))
                .setArxivId(p.arxivId())
                .setArxivVersion(p.arxivVersion())
                .setTitle(p.title())
                .setShortName(ShortNames.of(p.title()))
                .setAbstract$(p.abstractText())
                .setAuthors(p.authors())
                .setPrimaryCategory(p.primaryCategory())
                .setCategories(p.categories())
                .setDigestDate(p.digestDate())
                .setPublishedAt(p.publishedAt())
                .setAnnouncedOn(p.announcedOn())
                .setAnnounceType(p.announceType())
                .setUpvotes(p.upvotes())
                .setCommentCount(p.commentCount())
                .setPageKind(format.kind())
                .setSourcePages(List.of(raw.getSourceUri()))
                .setSightings(List.of(new Sighting(raw.getSourceUri(), position, p.digestDate(), raw.getFetchedAt())))
                .setLinks(new ArrayList<>(links.values()))
                .setModelSizes(facts.modelSizes())
                .setComputeBudgets(facts.computeBudgets())
                .setContextLengths(facts.contextLengths())
                .setTags(tags)
                .setAppearances(1)
                .setFirstSeenAt(raw.getFetchedAt())
                .setLastSeenAt(raw.getFetchedAt())
                .setParsedAt(clock.instant())
                .build();
    }
}
