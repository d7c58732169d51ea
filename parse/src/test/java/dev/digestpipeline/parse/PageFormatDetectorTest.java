package dev.digestpipeline.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageFormatDetectorTest {
    private static PageContent page(String uri, String type, String content) {
        return new PageContent(uri, type, Fixtures.FETCHED, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonIsTheApiFormat() throws Exception {
        assertEquals(
                PageFormat.HF_DAILY_API_JSON,
                PageFormatDetector.detect(null, page("https://huggingface.co/api/daily_papers", null, "  [ ]")));
    }

    @Test
    void htmlWithDailyPapersDataIsTheHtmlFormat() throws Exception {
        assertEquals(
                PageFormat.HF_DAILY_HTML,
                PageFormatDetector.detect(
                        null,
                        page("file:///p.html", "text/html", "<!DOCTYPE html><div data-target=\"DailyPapers\"></div>")));
    }

    @Test
    void plainTextIsTheTextFormat() throws Exception {
        assertEquals(
                PageFormat.HF_DAILY_TEXT,
                PageFormatDetector.detect(null, page("file:///p.txt", "text/plain", "Daily Papers\n")));
    }

    @Test
    void declaredKindWins() throws Exception {
        assertEquals(
                PageFormat.HF_DAILY_TEXT,
                PageFormatDetector.detect("hf-daily-text", page("file:///p.json", null, "[]")));
    }

    @Test
    void otherHtmlIsRefusedWithTheReason() {
        UnparseablePageException e = assertThrows(
                UnparseablePageException.class,
                () -> PageFormatDetector.detect(
                        null, page("https://example.org/blog", "text/html", "<html><body>hello</body></html>")));
        assertEquals(
                "HTML page is not a digest page: no Hugging Face DailyPapers data, no arXiv listing entries, "
                        + "no arXiv abstract (URI https://example.org/blog)",
                e.getMessage());
    }

    @Test
    void binaryIsRefusedWithTheReason() {
        PageContent binary = new PageContent("file:///x.bin", null, Fixtures.FETCHED, new byte[] {1, 0, 2, 3});
        UnparseablePageException e =
                assertThrows(UnparseablePageException.class, () -> PageFormatDetector.detect(null, binary));
        assertEquals("page is binary, not text (NUL bytes in the first 4 bytes)", e.getMessage());
    }

    @Test
    void utf8BomIsNotPartOfTheText() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', 'u', 'g'};
        assertEquals("Aug", new PageContent("file:///p.txt", null, Fixtures.FETCHED, withBom).text());
    }

    @Test
    void everyFixtureIsDetectedFromItsContentAlone() throws Exception {
        String[][] expected = {
            {"daily-papers-2025-08-21.txt", "hf-daily-text"},
            {"daily-papers-api.json", "hf-daily-api-json"},
            {"daily-papers-2025-08-20.html", "hf-daily-html"},
            {"daily-papers-cards.html", "hf-daily-html"},
            {"arxiv-list-cs.CL-new.html", "arxiv-listing-html"},
            {"arxiv-list-cs.LG-recent-old-layout.html", "arxiv-listing-html"},
            {"arxiv-abs-current.html", "arxiv-abs-html"},
            {"arxiv-abs-old.html", "arxiv-abs-html"},
            {"arxiv-api-legacy.xml", "arxiv-atom"},
            {"arxiv-api-current.xml", "arxiv-atom"},
            {"arxiv-rss-atom-cs.AI.xml", "arxiv-atom"},
            {"arxiv-rss2-cs.AI.xml", "arxiv-rss"},
            {"arxiv-rss1-cs.CL-old.xml", "arxiv-rss"}
        };
        for (String[] pair : expected) {
            assertEquals(
                    pair[1],
                    PageFormatDetector.detect(null, Fixtures.page(pair[0], null))
                            .kind(),
                    pair[0]);
        }
    }

    @Test
    void urlTellsAnArxivPageWhoseMarkupSaysLittle() throws Exception {
        assertEquals(
                PageFormat.ARXIV_ABS_HTML,
                PageFormatDetector.detect(
                        null,
                        page("https://arxiv.org/abs/2508.14999", "text/html", "<html><h1 class=title>T</h1></html>")));
        assertEquals(
                PageFormat.ARXIV_LISTING_HTML,
                PageFormatDetector.detect(
                        null,
                        page("https://arxiv.org/list/cs.CL/pastweek?show=25", "text/html", "<html><dl></dl></html>")));
    }

    @Test
    void otherXmlIsRefusedNamingItsRoot() {
        UnparseablePageException e = assertThrows(
                UnparseablePageException.class,
                () -> PageFormatDetector.detect(
                        null, page("file:///s.xml", null, "<?xml version='1.0'?>\n<svg width='1'/>")));
        assertEquals(
                "XML document is neither an Atom feed nor an RSS feed (starts with '<svg width='1'/>')",
                e.getMessage());
    }
}
