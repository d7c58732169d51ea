package dev.digestpipeline.parse.arxiv;

import dev.digestpipeline.parse.DigestPageParser;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.fields.LinkClassifier;
import dev.digestpipeline.parse.fields.TextNormalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * arXiv abstract pages (/abs/ID). The body (h1.title, div.authors, blockquote.abstract, td.subjects, dateline) is
 * in every layout; the citation_* meta tags of the current layout fill what the body lacks.
 */
public final class ArxivAbstractPageParser implements DigestPageParser {
    /** "(this version, v2)" in the dateline. */
    private static final Pattern THIS_VERSION = Pattern.compile("this version, v(\\d{1,3})");
    /** "[Submitted on 7 Feb 2019" in the dateline. */
    private static final Pattern SUBMITTED = Pattern.compile("Submitted on ([^(\\]]{6,30})");

    private static final DateTimeFormatter CITATION_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT);

    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        Document doc = Jsoup.parse(page.text(), page.baseUri("https://arxiv.org/"));
        String title = TextNormalizer.normalize(ArxivText.withoutDescriptors(doc.selectFirst("h1.title")));
        if (title == null) {
            title = TextNormalizer.normalize(meta(doc, "citation_title"));
        }
        if (title == null) {
            throw new UnparseablePageException(
                    "arXiv abstract page has no title (neither h1.title nor citation_title)");
        }
        ParsedPaper.Builder paper = ParsedPaper.builder(title);
        String abstractText =
                TextNormalizer.normalize(ArxivText.withoutDescriptors(doc.selectFirst("blockquote.abstract")));
        paper.abstractText(
                abstractText != null ? abstractText : TextNormalizer.normalize(meta(doc, "citation_abstract")));
        paper.authors(authors(doc));
        String id = meta(doc, "citation_arxiv_id");
        Element citeAs = doc.selectFirst("td.arxivid a, .arxivid a");
        ArxivIds.Id arxiv = ArxivIds.parse(id != null ? id : citeAs != null ? citeAs.text() : page.sourceUri());
        if (arxiv != null) {
            paper.arxiv(arxiv.id()).arxivVersion(arxiv.version());
        }
        String dateline = doc.select(".dateline").text();
        Matcher version = THIS_VERSION.matcher(dateline);
        if (version.find()) {
            paper.arxivVersion(Integer.valueOf(version.group(1)));
        }
        Matcher submitted = SUBMITTED.matcher(dateline);
        LocalDate published =
                submitted.find() ? ArxivText.dayIn(submitted.group(1)) : citationDate(meta(doc, "citation_date"));
        if (published != null) {
            paper.publishedAt(published.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        Element primary = doc.selectFirst("td.subjects .primary-subject");
        if (primary != null) {
            ArxivText.categoriesIn(primary.text()).forEach(paper::primaryCategory);
        }
        ArxivText.categoriesIn(doc.select("td.subjects").text()).forEach(paper::category);
        if (arxiv != null) {
            paper.link("paper", ArxivIds.absUrl(arxiv.id()));
        }
        String pdf = meta(doc, "citation_pdf_url");
        paper.link("pdf", pdf != null ? pdf : arxiv == null ? null : ArxivIds.pdfUrl(arxiv.id()));
        for (Element a : doc.select("blockquote.abstract a[href], td.comments a[href]")) {
            String url = a.absUrl("href");
            paper.link(LinkClassifier.kindOf(url), url);
        }
        return PageParse.of(List.of(paper.build()));
    }

    private static List<String> authors(Document doc) {
        List<String> names = new ArrayList<>();
        for (Element a : doc.select("div.authors a")) {
            String name = TextNormalizer.normalize(a.text());
            if (name != null) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            // citation_author is "Last, First"; shown as "First Last" like the body
            for (Element meta : doc.select("meta[name=citation_author]")) {
                String value = meta.attr("content");
                int comma = value.indexOf(',');
                String name = comma < 0
                        ? value
                        : value.substring(comma + 1).strip() + " "
                                + value.substring(0, comma).strip();
                names.add(TextNormalizer.normalize(name));
            }
        }
        return names;
    }

    private static String meta(Document doc, String name) {
        Element meta = doc.selectFirst("meta[name=" + name + "]");
        return meta == null || meta.attr("content").isBlank() ? null : meta.attr("content");
    }

    private static LocalDate citationDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), CITATION_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
