package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API JSON and the Daily Papers HTML page carry the same items; both parsers must read them alike. */
class DailyPapersJsonParsersTest {
    private static final ParsedPaper FIRST = new ParsedPaper("Agents That Use Tools: A Benchmark",
            "We introduce a benchmark for LLM agents that call tools.", List.of("Ada Lovelace", "Alan Turing"),
            "2508.14567", 42, Instant.parse("2025-08-19T17:59:01Z"), LocalDate.of(2025, 8, 20),
            List.of(new ExtractedLink("code", "https://github.com/example/tool-bench"),
                    new ExtractedLink("project", "https://tool-bench.github.io"),
                    new ExtractedLink("paper", "https://arxiv.org/abs/2508.14567"),
                    new ExtractedLink("pdf", "https://arxiv.org/pdf/2508.14567")));
    private static final ParsedPaper SECOND = new ParsedPaper("Medical Image Segmentation with Diffusion",
            "Clinical radiology images are segmented with a diffusion model.", List.of("Grace Hopper"),
            "2508.10001", 7, Instant.parse("2025-08-18T10:00:00Z"), LocalDate.of(2025, 8, 20),
            List.of(new ExtractedLink("paper", "https://arxiv.org/abs/2508.10001"),
                    new ExtractedLink("pdf", "https://arxiv.org/pdf/2508.10001")));

    @Test
    void apiJsonYieldsEveryFieldOfEveryPaper() throws Exception {
        assertEquals(List.of(FIRST, SECOND),
                new DailyPapersApiParser().parse(Fixtures.page("daily-papers-api.json", "application/json")));
    }

    @Test
    void htmlPageReadsTheHydrationJsonInDataProps() throws Exception {
        assertEquals(List.of(FIRST, SECOND),
                new DailyPapersHtmlParser().parse(Fixtures.page("daily-papers-2025-08-20.html", "text/html")));
    }

    @Test
    void htmlPageWithoutDataPropsFallsBackToTheCards() throws Exception {
        List<ParsedPaper> papers = new DailyPapersHtmlParser().parse(Fixtures.page("daily-papers-cards.html", "text/html"));
        assertEquals(List.of(
                new ParsedPaper("Agents That Use Tools: A Benchmark", null, List.of(), "2508.14567", null, null, null,
                        List.of(new ExtractedLink("paper", "https://arxiv.org/abs/2508.14567"))),
                new ParsedPaper("Medical Image Segmentation with Diffusion", null, List.of(), "2508.10001", null, null,
                        null, List.of(new ExtractedLink("paper", "https://arxiv.org/abs/2508.10001")))), papers);
    }

    @Test
    void brokenJsonIsAnErrorWithItsPosition() {
        PageContent page = new PageContent("file:///x.json", "application/json", Fixtures.FETCHED,
                "[{\"paper\": {\"title\": ".getBytes(StandardCharsets.UTF_8));
        UnparseablePageException e = assertThrows(UnparseablePageException.class,
                () -> new DailyPapersApiParser().parse(page));
        assertEquals(true, e.getMessage().startsWith("daily papers JSON is not valid JSON: "), e.getMessage());
        assertEquals(true, e.getMessage().contains(" at line 1, column "), e.getMessage());
    }

    @Test
    void itemWithoutTitleIsAnErrorNamingTheItem() {
        PageContent page = new PageContent("file:///x.json", "application/json", Fixtures.FETCHED,
                "[{\"paper\":{\"id\":\"2508.00001\",\"title\":\"A\"}},{\"paper\":{\"id\":\"2508.00002\"}}]"
                        .getBytes(StandardCharsets.UTF_8));
        UnparseablePageException e = assertThrows(UnparseablePageException.class,
                () -> new DailyPapersApiParser().parse(page));
        assertEquals("daily papers JSON: item 2 has no title", e.getMessage());
    }
}
