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
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * arXiv listing pages (/list/CAT/new, /recent, /pastweek), current and older layouts: {@code <dt>} with the
 * /abs/ID link, {@code <dd>} with title, authors, comments, subjects and abstract. Section headings tell new
 * submissions, cross-lists and replacements apart and give the announce day.
 */
public final class ArxivListingParser implements DigestPageParser {
    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        Document doc = Jsoup.parse(page.text(), page.baseUri("https://arxiv.org/"));
        if (doc.selectFirst("dl dt") == null) {
            throw new UnparseablePageException(
                    "arXiv listing page has no <dl> of entries (title '" + doc.title() + "')");
        }
        PageParse.Collector out = new PageParse.Collector();
        LocalDate day = null;
        String section = null;
        int position = 0;
        for (Element element : doc.body().getAllElements()) {
            String tag = element.normalName();
            if (tag.equals("h3") || (tag.equals("div") && element.hasClass("paging"))) {
                String heading = element.text();
                LocalDate headingDay = ArxivText.dayIn(heading);
                day = headingDay != null ? headingDay : day;
                section = sectionOf(heading, section);
            } else if (tag.equals("dt")) {
                position++;
                Element dd = element.nextElementSibling();
                if (dd == null || !dd.normalName().equals("dd")) {
                    out.skip(position, "listing entry " + element.text() + " has no <dd> with its details");
                    continue;
                }
                Element titleDiv = dd.selectFirst(".list-title");
                String title = TextNormalizer.normalize(ArxivText.withoutDescriptors(titleDiv));
                if (title == null) {
                    out.skip(position, "listing entry " + element.text() + " has no title");
                    continue;
                }
                out.add(paper(element, dd, title, day, section));
            } else if (tag.equals("h1") && day == null) {
                day = ArxivText.dayIn(element.text());
            }
        }
        return out.result();
    }

    private static ParsedPaper paper(Element dt, Element dd, String title, LocalDate day, String section) {
        ParsedPaper.Builder paper = ParsedPaper.builder(title)
                .authors(names(dd.select(".list-authors a")))
                .announcedOn(day)
                .digestDate(day)
                .announceType(announceType(dt.text(), section));
        Element abs = dt.selectFirst("a[title=Abstract], a[href*=/abs/]");
        if (abs != null) {
            paper.arxiv(abs.text().isBlank() ? abs.attr("href") : abs.text());
            paper.link("paper", abs.absUrl("href"));
        }
        for (Element a : dt.select("a[href]")) {
            String url = a.absUrl("href");
            String kind = LinkClassifier.kindOf(url);
            if (kind.equals("pdf") || kind.equals("html")) {
                paper.link(kind, url);
            }
        }
        Element primary = dd.selectFirst(".list-subjects .primary-subject");
        if (primary != null) {
            ArxivText.categoriesIn(primary.text()).forEach(paper::primaryCategory);
        }
        Element subjects = dd.selectFirst(".list-subjects");
        if (subjects != null) {
            ArxivText.categoriesIn(subjects.text()).forEach(paper::category);
        }
        Element abstractText = dd.selectFirst("p.mathjax, p");
        if (abstractText != null) {
            paper.abstractText(TextNormalizer.normalize(abstractText.text()));
        }
        for (Element a : dd.select(".list-comments a[href], p a[href]")) {
            String url = a.absUrl("href");
            paper.link(LinkClassifier.kindOf(url), url);
        }
        return paper.build();
    }

    /** The section a heading opens ("New submissions", "Cross-lists", "Replacements"), else the current one. */
    private static String sectionOf(String heading, String current) {
        String h = heading.toLowerCase(Locale.ROOT);
        if (h.contains("cross")) {
            return "cross";
        }
        if (h.contains("replace")) {
            return "replace";
        }
        if (h.contains("new submission")) {
            return "new";
        }
        return current;
    }

    private static String announceType(String dtText, String section) {
        String t = dtText.toLowerCase(Locale.ROOT);
        boolean crossListed = t.contains("cross-list");
        boolean replaced = t.contains("replaced") || "replace".equals(section);
        if (replaced) {
            return crossListed ? "replace-cross" : "replace";
        }
        return crossListed || "cross".equals(section) ? "cross" : "new";
    }

    private static List<String> names(List<Element> links) {
        List<String> names = new ArrayList<>();
        for (Element a : links) {
            String name = TextNormalizer.normalize(a.text());
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
