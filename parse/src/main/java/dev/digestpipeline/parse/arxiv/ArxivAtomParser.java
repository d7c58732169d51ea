package dev.digestpipeline.parse.arxiv;

import dev.digestpipeline.parse.DigestPageParser;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.fields.LinkClassifier;
import dev.digestpipeline.parse.fields.TextNormalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * arXiv Atom: export.arxiv.org/api/query answers (older and current format) and rss.arxiv.org/atom feeds. The
 * feeds carry the announce type and the announce day; the API carries publication dates and primary categories.
 */
public final class ArxivAtomParser implements DigestPageParser {
    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        Document doc = Jsoup.parse(page.text(), "", Parser.xmlParser());
        Element feed = XmlElements.all(doc, "feed").stream()
                .findFirst()
                .orElseThrow(() -> new UnparseablePageException("Atom page has no <feed> element"));
        List<Element> entries = XmlElements.children(feed, "entry");
        if (entries.size() == 1 && isApiError(entries.get(0))) {
            throw new UnparseablePageException("arXiv API answered with an error: "
                    + TextNormalizer.normalize(XmlElements.text(entries.get(0), "summary")));
        }
        PageParse.Collector out = new PageParse.Collector();
        int position = 0;
        for (Element entry : entries) {
            position++;
            String title = TextNormalizer.normalize(XmlElements.text(entry, "title"));
            if (title == null) {
                out.skip(position, "Atom entry has no title (id " + XmlElements.text(entry, "id") + ")");
                continue;
            }
            out.add(paper(entry, title));
        }
        return out.result();
    }

    private static boolean isApiError(Element entry) {
        String id = XmlElements.text(entry, "id");
        return id != null && id.contains("/api/errors");
    }

    private static ParsedPaper paper(Element entry, String title) {
        String summary = XmlElements.text(entry, "summary");
        String announceType = TextNormalizer.normalize(XmlElements.text(entry, "announce_type"));
        if (announceType == null) {
            announceType = ArxivText.announceType(summary);
        }
        ParsedPaper.Builder paper = ParsedPaper.builder(title)
                .abstractText(TextNormalizer.normalize(ArxivText.abstractOf(summary)))
                .authors(authors(entry))
                .arxiv(XmlElements.text(entry, "id"))
                .announceType(announceType);
        String published = XmlElements.text(entry, "published");
        if (announceType != null) {
            // in rss.arxiv.org feeds <published> is the announcement, which is also the feed's digest day
            LocalDate day = ArxivText.localDay(published);
            paper.announcedOn(day).digestDate(day);
        } else {
            paper.publishedAt(ArxivText.instant(published));
        }
        Element primary = XmlElements.child(entry, "primary_category");
        if (primary != null && ArxivCategories.isCode(primary.attr("term"))) {
            paper.primaryCategory(primary.attr("term"));
        }
        for (Element category : XmlElements.children(entry, "category")) {
            if (ArxivCategories.isCode(category.attr("term"))) {
                paper.category(category.attr("term"));
            }
        }
        for (Element link : XmlElements.children(entry, "link")) {
            String href = link.attr("href");
            String kind = "pdf".equalsIgnoreCase(link.attr("title")) ? "pdf" : LinkClassifier.kindOf(href);
            paper.link(kind, href);
        }
        return paper.build();
    }

    private static List<String> authors(Element entry) {
        List<String> names = new ArrayList<>();
        for (Element author : XmlElements.children(entry, "author")) {
            String name = TextNormalizer.normalize(XmlElements.text(author, "name"));
            if (name != null) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            names.addAll(ArxivText.authorList(XmlElements.text(entry, "creator")));
        }
        return names;
    }
}
