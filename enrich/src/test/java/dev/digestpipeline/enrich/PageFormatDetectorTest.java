package dev.digestpipeline.enrich;

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
        assertEquals(PageFormat.HF_DAILY_API_JSON, PageFormatDetector.detect(null, page("https://huggingface.co/api/daily_papers", null, "  [ ]")));
    }

    @Test
    void htmlWithDailyPapersDataIsTheHtmlFormat() throws Exception {
        assertEquals(PageFormat.HF_DAILY_HTML, PageFormatDetector.detect(null,
                page("file:///p.html", "text/html", "<!DOCTYPE html><div data-target=\"DailyPapers\"></div>")));
    }

    @Test
    void plainTextIsTheTextFormat() throws Exception {
        assertEquals(PageFormat.HF_DAILY_TEXT, PageFormatDetector.detect(null, page("file:///p.txt", "text/plain", "Daily Papers\n")));
    }

    @Test
    void declaredKindWins() throws Exception {
        assertEquals(PageFormat.HF_DAILY_TEXT, PageFormatDetector.detect("hf-daily-text", page("file:///p.json", null, "[]")));
    }

    @Test
    void otherHtmlIsRefusedWithTheReason() {
        UnparseablePageException e = assertThrows(UnparseablePageException.class, () -> PageFormatDetector.detect(null,
                page("https://example.org/blog", "text/html", "<html><body>hello</body></html>")));
        assertEquals("HTML page is not a Hugging Face Daily Papers page (no DailyPapers data, URI https://example.org/blog)",
                e.getMessage());
    }

    @Test
    void binaryIsRefusedWithTheReason() {
        PageContent binary = new PageContent("file:///x.bin", null, Fixtures.FETCHED, new byte[] {1, 0, 2, 3});
        UnparseablePageException e = assertThrows(UnparseablePageException.class, () -> PageFormatDetector.detect(null, binary));
        assertEquals("page is binary, not text (NUL bytes in the first 4 bytes)", e.getMessage());
    }

    @Test
    void utf8BomIsNotPartOfTheText() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', 'u', 'g'};
        assertEquals("Aug", new PageContent("file:///p.txt", null, Fixtures.FETCHED, withBom).text());
    }
}
