package dev.digestpipeline.parse.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.digestpipeline.parse.DigestPageParser;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.arxiv.ArxivIds;
import dev.digestpipeline.parse.fields.TextNormalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * huggingface.co/papers pages (daily, /papers/date/DAY, weekly and monthly views): the hydration JSON in the
 * data-props of the DailyPapers element first; when it is missing, the rendered article cards.
 */
public final class DailyPapersHtmlParser implements DigestPageParser {
    /** The upvote count a card shows as a bare number. */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,7}");

    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        String fastProps = dailyPapersProps(page.text());
        if (fastProps != null) {
            PageParse parse = fromProps(fastProps, "DailyPapers");
            if (parse != null) {
                return parse;
            }
        }
        Document doc = Jsoup.parse(page.text(), page.baseUri("https://huggingface.co/"));
        for (Element hydrater : doc.select("[data-props]")) {
            String props = hydrater.attr("data-props");
            if (props.contains("\"dailyPapers\"")) {
                PageParse parse = fromProps(props, hydrater.attr("data-target"));
                if (parse != null) {
                    return parse;
                }
            }
        }
        return cards(doc);
    }

    private static PageParse fromProps(String props, String target) throws UnparseablePageException {
        JsonNode json;
        try {
            json = DailyPapersApiParser.JSON.readTree(props);
        } catch (JsonProcessingException e) {
            throw new UnparseablePageException(
                    "Daily Papers page: data-props of " + target + " is not valid JSON: " + e.getOriginalMessage());
        }
        return json.has("dailyPapers")
                ? DailyPaperItems.read(json.get("dailyPapers"), "Daily Papers page data-props")
                : null;
    }

    /**
     * The data-props of the element with data-target="DailyPapers", found without building the whole DOM (the
     * attribute holds the entire page's data); null when the markup is not the usual one, and Jsoup reads it.
     */
    static String dailyPapersProps(String html) {
        int target = html.indexOf("data-target=\"DailyPapers\"");
        if (target < 0) {
            return null;
        }
        int tagStart = html.lastIndexOf('<', target);
        int props = tagStart < 0 ? -1 : html.indexOf("data-props=\"", tagStart);
        // the attribute must be in the same tag: no other tag opens between the tag's start and it
        if (props < 0 || html.lastIndexOf('<', props) != tagStart) {
            return null;
        }
        int valueStart = props + "data-props=\"".length();
        int valueEnd = html.indexOf('"', valueStart);
        return valueEnd < 0 ? null : unescapeAttribute(html, valueStart, valueEnd);
    }

    /** Attribute entities: the five an HTML serializer writes decoded here fast, anything rarer by Jsoup. */
    static String unescapeAttribute(String html, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int amp = html.indexOf('&', i);
            if (amp < 0 || amp >= end) {
                out.append(html, i, end);
                break;
            }
            out.append(html, i, amp);
            int length = ENTITY_NAMES.length;
            int k = 0;
            while (k < length && !html.startsWith(ENTITY_NAMES[k], amp)) {
                k++;
            }
            if (k == length) {
                return Parser.unescapeEntities(html.substring(start, end), true);
            }
            out.append(ENTITY_CHARS[k]);
            i = amp + ENTITY_NAMES[k].length();
        }
        return out.toString();
    }

    private static final String[] ENTITY_NAMES = {
        "&quot;", "&amp;", "&lt;", "&gt;", "&#39;", "&#34;", "&apos;", "&#x27;"
    };
    private static final char[] ENTITY_CHARS = {'"', '&', '<', '>', '\'', '"', '\'', '\''};

    private static PageParse cards(Document doc) throws UnparseablePageException {
        PageParse.Collector out = new PageParse.Collector();
        int position = 0;
        for (Element article : doc.select("article")) {
            position++;
            Element heading = article.selectFirst("h3");
            String title = heading == null ? null : TextNormalizer.normalize(heading.text());
            if (title == null) {
                out.skip(position, "Daily Papers card has no <h3> title");
                continue;
            }
            Element link = article.selectFirst("h3 a[href*=/papers/], a[href*=/papers/]:has(h3), a[href*=/papers/]");
            ParsedPaper.Builder paper = ParsedPaper.builder(title);
            String href = link == null ? "" : link.attr("href");
            ArxivIds.Id id = ArxivIds.parse(href.substring(href.lastIndexOf('/') + 1));
            if (id != null) {
                paper.arxiv(id.id()).arxivVersion(id.version()).link("paper", ArxivIds.absUrl(id.id()));
            }
            Element votes = article.selectFirst("[class*=upvote], [aria-label*=upvote i]");
            if (votes != null) {
                Matcher m = NUMBER.matcher(votes.text());
                if (m.find()) {
                    paper.upvotes(Integer.valueOf(m.group()));
                }
            }
            out.add(paper.build());
        }
        if (position == 0) {
            throw new UnparseablePageException(
                    "Daily Papers page has neither DailyPapers data-props nor article cards");
        }
        return out.result();
    }
}
