package dev.digestpipeline.parse.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivListingParserTest {
    private static final LocalDate AUG_20 = LocalDate.of(2025, 8, 20);
    private final ArxivListingParser parser = new ArxivListingParser();

    @Test
    void newListingYieldsEveryFieldOfNewCrossListedAndReplacedPapers() throws Exception {
        PageParse parse = parser.parse(Fixtures.page("arxiv-list-cs.CL-new.html", "text/html"));
        assertEquals(
                List.of(
                        ParsedPaper.builder("OptimalThinkingBench: Evaluating Over and Underthinking in LLMs")
                                .abstractText(
                                        "Thinking LLMs solve complex tasks at the expense of increased compute; we "
                                                + "evaluate 33 models, including an 8B and a 70B model, on a unified benchmark with "
                                                + "contexts up to 128K tokens.")
                                .authors(List.of("Pranjal Aggarwal", "Seungone Kim", "Sean Welleck"))
                                .arxiv("2508.13141")
                                .primaryCategory("cs.CL")
                                .category("cs.AI")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("new")
                                .link("paper", "https://arxiv.org/abs/2508.13141")
                                .link("pdf", "https://arxiv.org/pdf/2508.13141")
                                .link("html", "https://arxiv.org/html/2508.13141v1")
                                .link("code", "https://github.com/facebookresearch/RAM/tree/main/projects/otb")
                                .build(),
                        ParsedPaper.builder("ALIGN: Word Association Learning for Cross-Cultural Generalization")
                                .abstractText("We adapt language models to native speakers' word associations.")
                                .authors(List.of("Chunhua Liu", "Sukai Huang"))
                                .arxiv("2508.13426")
                                .primaryCategory("cs.AI")
                                .category("cs.CL")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("cross")
                                .link("paper", "https://arxiv.org/abs/2508.13426")
                                .link("pdf", "https://arxiv.org/pdf/2508.13426")
                                .build(),
                        ParsedPaper.builder("Speech Translation with $\\mathcal{O}(n)$ Attention")
                                .abstractText("Spoken language translation in linear time.")
                                .authors(List.of("Jane Doe"))
                                .arxiv("2404.01234")
                                .primaryCategory("cs.CL")
                                .category("cs.SD")
                                .category("eess.AS")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("replace")
                                .link("paper", "https://arxiv.org/abs/2404.01234")
                                .link("pdf", "https://arxiv.org/pdf/2404.01234")
                                .build()),
                parse.papers());
        assertEquals(List.of(), parse.skipped());
    }

    @Test
    void olderRecentLayoutTakesTheDayFromTheDateHeadingAndTellsCrossListsByTheirMark() throws Exception {
        PageParse parse = parser.parse(Fixtures.page("arxiv-list-cs.LG-recent-old-layout.html", "text/html"));
        LocalDate aug10 = LocalDate.of(2017, 8, 10);
        assertEquals(
                List.of(
                        ParsedPaper.builder(
                                        "Radical-level Ideograph Encoder for RNN-based Sentiment Analysis of Chinese and Japanese")
                                .authors(List.of("Yuanzhi Ke", "Masafumi Hagiwara"))
                                .arxiv("1708.03312")
                                .primaryCategory("cs.CL")
                                .category("cs.LG")
                                .digestDate(aug10)
                                .announcedOn(aug10)
                                .announceType("new")
                                .link("paper", "https://arxiv.org/abs/1708.03312")
                                .link("pdf", "https://arxiv.org/pdf/1708.03312")
                                .build(),
                        ParsedPaper.builder(
                                        "Thinking Fast, Thinking Slow! Combining Knowledge Graphs and Vector Spaces")
                                .authors(List.of("Md Kamruzzaman Sarker"))
                                .arxiv("1708.03310")
                                .primaryCategory("cs.AI")
                                .category("cs.LG")
                                .digestDate(aug10)
                                .announcedOn(aug10)
                                .announceType("cross")
                                .link("paper", "https://arxiv.org/abs/1708.03310")
                                .link("pdf", "https://arxiv.org/pdf/1708.03310")
                                .build()),
                parse.papers());
    }

    @Test
    void entryWithoutTitleIsSkippedWithItsReasonWhileTheOthersComeOut() throws Exception {
        String html = "<html><body><h3>New submissions</h3><dl id='articles'>"
                + "<dt><a href='/abs/2508.00001' title='Abstract'>arXiv:2508.00001</a></dt>"
                + "<dd><div class='list-title'><span class='descriptor'>Title:</span> Kept</div></dd>"
                + "<dt><a href='/abs/2508.00002' title='Abstract'>arXiv:2508.00002</a></dt>"
                + "<dd><div class='list-authors'><a>Nobody</a></div></dd></dl></body></html>";
        PageParse parse = parser.parse(new PageContent(
                "https://arxiv.org/list/cs.CL/new",
                "text/html",
                Fixtures.FETCHED,
                html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                List.of("Kept"), parse.papers().stream().map(ParsedPaper::title).toList());
        assertEquals(List.of("entry 2: listing entry arXiv:2508.00002 has no title"), parse.skipped());
    }

    @Test
    void pageWithoutEntriesIsAPreciseError() {
        PageContent page = new PageContent(
                "https://arxiv.org/list/cs.CL/new",
                "text/html",
                Fixtures.FETCHED,
                "<html><head><title>Maintenance</title></head><body>back soon</body></html>"
                        .getBytes(StandardCharsets.UTF_8));
        UnparseablePageException e = assertThrows(UnparseablePageException.class, () -> parser.parse(page));
        assertEquals("arXiv listing page has no <dl> of entries (title 'Maintenance')", e.getMessage());
    }
}
