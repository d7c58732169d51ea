package dev.digestpipeline.parse.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyPapersTextParserTest {
    private final DailyPapersTextParser parser = new DailyPapersTextParser();

    @Test
    void readsEveryPaperAfterTheHeaderWithExactTitlesAndAbstracts() throws Exception {
        List<ParsedPaper> papers = parser.parse(Fixtures.page("daily-papers-2025-08-21.txt", "text/plain"))
                .papers();
        assertEquals(3, papers.size());
        assertEquals(
                "VectorMapNet: End-to-end Vectorized HD Map Learning",
                papers.get(0).title());
        assertEquals(
                "Autonomous driving systems need high-definition maps. We present VectorMapNet, an end-to-end "
                        + "vectorized map learning pipeline. Code is at https://github.com/Mrmoore98/VectorMapNet_code. "
                        + "See https://tsinghua-mars-lab.github.io/vectormapnet/.",
                papers.get(0).abstractText());
        assertEquals(
                "Scaling Mixture-of-Experts & LoRA for Large Language Models",
                papers.get(1).title());
        assertEquals("Speech Recognition Without Labels", papers.get(2).title());
        assertEquals(
                "Self-supervised speech recognition for low-resource languages.",
                papers.get(2).abstractText());
    }

    @Test
    void dayLineWithoutYearTakesTheYearOfTheDateInTheUri() throws Exception {
        List<ParsedPaper> papers = parser.parse(Fixtures.page("daily-papers-2025-08-21.txt", "text/plain"))
                .papers();
        assertEquals(LocalDate.of(2025, 8, 21), papers.get(0).digestDate());
    }

    @Test
    void everyFieldOfEveryPaperIsTitleAbstractAndDayOnly() throws Exception {
        LocalDate aug21 = LocalDate.of(2025, 8, 21);
        assertEquals(
                List.of(
                        ParsedPaper.builder("VectorMapNet: End-to-end Vectorized HD Map Learning")
                                .abstractText(
                                        "Autonomous driving systems need high-definition maps. We present VectorMapNet, "
                                                + "an end-to-end vectorized map learning pipeline. Code is at "
                                                + "https://github.com/Mrmoore98/VectorMapNet_code. "
                                                + "See https://tsinghua-mars-lab.github.io/vectormapnet/.")
                                .digestDate(aug21)
                                .build(),
                        ParsedPaper.builder("Scaling Mixture-of-Experts & LoRA for Large Language Models")
                                .abstractText(
                                        "We study mixture of experts with LoRA adapters for large language models "
                                                + "trained on 1M tokens of context.")
                                .digestDate(aug21)
                                .build(),
                        ParsedPaper.builder("Speech Recognition Without Labels")
                                .abstractText("Self-supervised speech recognition for low-resource languages.")
                                .digestDate(aug21)
                                .build()),
                parser.parse(Fixtures.page("daily-papers-2025-08-21.txt", "text/plain"))
                        .papers());
    }

    @Test
    void titleWithoutAbstractAtTheEndKeepsAbstractAbsent() throws Exception {
        PageContent page = new PageContent(
                "file:///p.txt",
                "text/plain",
                Fixtures.FETCHED,
                "Aug 21\n\nFirst Title\n\nFirst abstract.\n\nLast Title\n".getBytes(StandardCharsets.UTF_8));
        List<ParsedPaper> papers = parser.parse(page).papers();
        assertEquals(2, papers.size());
        assertEquals("Last Title", papers.get(1).title());
        assertNull(papers.get(1).abstractText());
    }

    @Test
    void paragraphWhereATitleBelongsIsAPreciseError() {
        String longLine = "word ".repeat(100).strip();
        PageContent page = new PageContent(
                "file:///p.txt",
                "text/plain",
                Fixtures.FETCHED,
                ("Aug 21\n\n" + longLine + "\n").getBytes(StandardCharsets.UTF_8));
        UnparseablePageException e = assertThrows(UnparseablePageException.class, () -> parser.parse(page));
        assertEquals(
                "text page: block 2 should be a paper title but is a 499-character paragraph: "
                        + "\"word word word word word word word word word word word word...\"",
                e.getMessage());
    }
}
