package dev.digestpipeline.parse.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API JSON and the Daily Papers HTML page carry the same items; both parsers must read them alike. */
class DailyPapersJsonParsersTest {
    private static final LocalDate AUG_20 = LocalDate.of(2025, 8, 20);
    private static final ParsedPaper FIRST = ParsedPaper.builder("Agents That Use Tools: A Benchmark")
            .abstractText("We introduce a benchmark for LLM agents that call tools.")
            .authors(List.of("Ada Lovelace", "Alan Turing"))
            .arxiv("2508.14567")
            .upvotes(42)
            .commentCount(3)
            .publishedAt(Instant.parse("2025-08-19T17:59:01Z"))
            .digestDate(AUG_20)
            .link("code", "https://github.com/example/tool-bench")
            .link("project", "https://tool-bench.github.io")
            .link("paper", "https://arxiv.org/abs/2508.14567")
            .link("pdf", "https://arxiv.org/pdf/2508.14567")
            .build();
    private static final ParsedPaper SECOND = ParsedPaper.builder("Medical Image Segmentation with Diffusion")
            .abstractText("Clinical radiology images are segmented with a diffusion model.")
            .authors(List.of("Grace Hopper"))
            .arxiv("2508.10001v2")
            .upvotes(7)
            .commentCount(0)
            .publishedAt(Instant.parse("2025-08-18T10:00:00Z"))
            .digestDate(AUG_20)
            .link("paper", "https://arxiv.org/abs/2508.10001")
            .link("pdf", "https://arxiv.org/pdf/2508.10001")
            .build();

    @Test
    void apiJsonYieldsEveryFieldOfEveryPaper() throws Exception {
        assertEquals(
                List.of(FIRST, SECOND),
                new DailyPapersApiParser()
                        .parse(Fixtures.page("daily-papers-api.json", "application/json"))
                        .papers());
    }

    @Test
    void htmlPageReadsTheHydrationJsonInDataProps() throws Exception {
        assertEquals(
                List.of(FIRST, SECOND),
                new DailyPapersHtmlParser()
                        .parse(Fixtures.page("daily-papers-2025-08-20.html", "text/html"))
                        .papers());
    }

    @Test
    void htmlPageWithoutDataPropsFallsBackToTheCards() throws Exception {
        PageParse parse = new DailyPapersHtmlParser().parse(Fixtures.page("daily-papers-cards.html", "text/html"));
        assertEquals(
                List.of(
                        ParsedPaper.builder("Agents That Use Tools: A Benchmark")
                                .arxiv("2508.14567")
                                .link("paper", "https://arxiv.org/abs/2508.14567")
                                .build(),
                        ParsedPaper.builder("Medical Image Segmentation with Diffusion")
                                .arxiv("2508.10001")
                                .link("paper", "https://arxiv.org/abs/2508.10001")
                                .build()),
                parse.papers());
    }

    @Test
    void brokenJsonIsAnErrorWithItsPosition() {
        PageContent page = new PageContent(
                "file:///x.json",
                "application/json",
                Fixtures.FETCHED,
                "[{\"paper\": {\"title\": ".getBytes(StandardCharsets.UTF_8));
        UnparseablePageException e =
                assertThrows(UnparseablePageException.class, () -> new DailyPapersApiParser().parse(page));
        assertEquals(true, e.getMessage().startsWith("daily papers JSON is not valid JSON: "), e.getMessage());
        assertEquals(true, e.getMessage().contains(" at line 1, column "), e.getMessage());
    }

    @Test
    void itemWithoutTitleIsSkippedWithItsPositionWhileTheOthersComeOut() throws Exception {
        PageContent page = new PageContent(
                "file:///x.json",
                "application/json",
                Fixtures.FETCHED,
                "[{\"paper\":{\"id\":\"2508.00001\",\"title\":\"A\"}},{\"paper\":{\"id\":\"2508.00002\"}},7]"
                        .getBytes(StandardCharsets.UTF_8));
        PageParse parse = new DailyPapersApiParser().parse(page);
        assertEquals(
                List.of("A"), parse.papers().stream().map(ParsedPaper::title).toList());
        assertEquals(
                List.of(
                        "entry 2: daily papers JSON item has no title",
                        "entry 3: daily papers JSON item is number, not an object"),
                parse.skipped());
    }
}
