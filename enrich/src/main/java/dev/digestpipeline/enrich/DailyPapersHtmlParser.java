package dev.digestpipeline.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The huggingface.co/papers page: the hydration JSON in the DailyPapers element's data-props first; when it is
 * missing, the rendered article cards (title and /papers/ID link).
 */
public final class DailyPapersHtmlParser implements DigestPageParser {
    @Override
    public List<ParsedPaper> parse(PageContent page) throws UnparseablePageException {
        Document doc = Jsoup.parse(page.text(), page.sourceUri() == null ? "" : page.sourceUri());
        Element hydrater = doc.selectFirst("[data-target=DailyPapers][data-props]");
        if (hydrater != null) {
            JsonNode props;
            try {
                props = DailyPapersApiParser.JSON.readTree(hydrater.attr("data-props"));
            } catch (JsonProcessingException e) {
                throw new UnparseablePageException("Daily Papers page: data-props is not valid JSON: "
                        + e.getOriginalMessage());
            }
            if (props.has("dailyPapers")) {
                return DailyPaperItems.read(props.get("dailyPapers"), "Daily Papers page data-props");
            }
        }
        return cards(doc);
    }

    private static List<ParsedPaper> cards(Document doc) throws UnparseablePageException {
        List<ParsedPaper> papers = new ArrayList<>();
        for (Element article : doc.select("article")) {
            Element link = article.selectFirst("h3 a[href*=/papers/], a[href*=/papers/]:has(h3)");
            Element heading = article.selectFirst("h3");
            if (heading == null) {
                continue;
            }
            String href = link == null ? "" : link.attr("href");
            String id = ArxivIds.normalize(href.substring(href.lastIndexOf('/') + 1));
            List<ExtractedLink> links = new ArrayList<>();
            if (id != null) {
                links.add(new ExtractedLink("paper", "https://arxiv.org/abs/" + id));
            }
            papers.add(new ParsedPaper(TextNormalizer.normalize(heading.text()), null, List.of(), id, null, null,
                    null, links));
        }
        if (papers.isEmpty()) {
            throw new UnparseablePageException("Daily Papers page has neither DailyPapers data-props nor article cards");
        }
        return papers;
    }
}
