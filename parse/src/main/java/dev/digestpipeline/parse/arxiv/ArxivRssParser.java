package dev.digestpipeline.parse.arxiv;

import dev.digestpipeline.parse.DigestPageParser;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.fields.LinkClassifier;
import dev.digestpipeline.parse.fields.TextNormalizer;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * arXiv RSS: rss.arxiv.org/rss feeds (RSS 2.0, announce type kept) and the older export.arxiv.org RSS 1.0 feeds,
 * whose titles end in "(arXiv:ID [cs.CL] UPDATED)" and whose descriptions and creators are escaped HTML.
 */
public final class ArxivRssParser implements DigestPageParser {
    /** The suffix old feeds put on titles. */
    private static final Pattern TITLE_SUFFIX =
            Pattern.compile("\\.?\\s{0,5}\\(arXiv:(\\S{1,40}) \\[([^\\]]{1,40})\\](?: ([A-Z]{1,12}))?\\)\\s{0,5}$");

    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        Document doc = Jsoup.parse(page.text(), "", Parser.xmlParser());
        if (XmlElements.all(doc, "rss").isEmpty() && XmlElements.all(doc, "RDF").isEmpty()) {
            throw new UnparseablePageException("RSS page has neither <rss> nor <rdf:RDF>");
        }
        LocalDate channelDay = channelDay(doc);
        PageParse.Collector out = new PageParse.Collector();
        int position = 0;
        for (Element item : XmlElements.all(doc, "item")) {
            position++;
            String rawTitle = XmlElements.text(item, "title");
            if (rawTitle == null || rawTitle.isBlank()) {
                out.skip(position, "RSS item has no title (link " + XmlElements.text(item, "link") + ")");
                continue;
            }
            out.add(paper(item, rawTitle, channelDay));
        }
        return out.result();
    }

    private static ParsedPaper paper(Element item, String rawTitle, LocalDate channelDay) {
        String title = rawTitle;
        String oldStyleCategory = null;
        String oldStyleId = null;
        Matcher suffix = TITLE_SUFFIX.matcher(rawTitle);
        if (suffix.find()) {
            title = rawTitle.substring(0, suffix.start());
            oldStyleId = suffix.group(1);
            oldStyleCategory = suffix.group(2);
        }
        String description = htmlText(XmlElements.text(item, "description"));
        String announceType = TextNormalizer.normalize(XmlElements.text(item, "announce_type"));
        if (announceType == null) {
            announceType = ArxivText.announceType(description);
        }
        ParsedPaper.Builder paper = ParsedPaper.builder(TextNormalizer.normalize(title))
                .abstractText(TextNormalizer.normalize(ArxivText.abstractOf(description)))
                .authors(ArxivText.authorList(htmlText(XmlElements.text(item, "creator"))))
                .announceType(announceType);
        String guid = XmlElements.text(item, "guid");
        String link = XmlElements.text(item, "link");
        String about = item.attr("rdf:about");
        for (String candidate : new String[] {guid, oldStyleId, link, about}) {
            if (ArxivIds.parse(candidate) != null) {
                paper.arxiv(candidate);
                break;
            }
        }
        for (Element category : XmlElements.children(item, "category")) {
            String term = category.text();
            if (ArxivCategories.isCode(term)) {
                paper.category(term);
            }
        }
        if (oldStyleCategory != null && ArxivCategories.isCode(oldStyleCategory)) {
            paper.primaryCategory(oldStyleCategory);
        }
        ZonedDateTime pubDate = ArxivText.rfc1123(XmlElements.text(item, "pubDate"));
        LocalDate day = pubDate != null ? pubDate.toLocalDate() : channelDay;
        paper.announcedOn(day).digestDate(day);
        if (link != null) {
            paper.link(LinkClassifier.kindOf(link.strip()), link.strip());
        }
        return paper.build();
    }

    /** The channel's day: its pubDate (RSS 2.0) or dc:date (RSS 1.0). */
    private static LocalDate channelDay(Document doc) {
        for (Element channel : XmlElements.all(doc, "channel")) {
            ZonedDateTime pub = ArxivText.rfc1123(XmlElements.text(channel, "pubDate"));
            if (pub != null) {
                return pub.toLocalDate();
            }
            String date = XmlElements.text(channel, "date");
            if (date != null && date.strip().length() >= 10) {
                try {
                    return LocalDate.parse(date.strip().substring(0, 10));
                } catch (java.time.format.DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Old feeds escape HTML inside description and creator; read its text. */
    private static String htmlText(String value) {
        if (value == null || value.indexOf('<') < 0) {
            return value;
        }
        return Jsoup.parse(value).text();
    }
}
