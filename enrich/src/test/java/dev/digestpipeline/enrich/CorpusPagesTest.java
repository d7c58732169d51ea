package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real captured pages of ../shared/corpus (path from -Ddigest.corpus); skipped when it is absent. */
class CorpusPagesTest {
    private static PageContent corpusPage(String relative, String type) throws Exception {
        Path corpus = Fixtures.corpus().orElse(null);
        assumeTrue(corpus != null, "corpus not present (set -Ddigest.corpus)");
        Path file = corpus.resolve(relative);
        return new PageContent(file.toUri().toString(), type, Fixtures.FETCHED, Files.readAllBytes(file));
    }

    @Test
    void textPageYieldsIts88PapersWithTitlesEqualToTheTitleLines() throws Exception {
        PageContent page = corpusPage("text/daily-papers-2025-08-20.txt", "text/plain");
        List<String> blocks = DailyPapersTextParser.blocks(page.text());
        List<String> titleLines = new ArrayList<>();
        for (int i = 6; i < blocks.size(); i += 2) {
            titleLines.add(blocks.get(i));
        }
        List<ParsedPaper> papers = PageFormatDetector.detect(null, page).parser().parse(page);
        assertEquals(88, papers.size());
        assertEquals(titleLines, papers.stream().map(ParsedPaper::title).toList());
    }

    @Test
    void apiJsonYieldsIts30PapersWithArxivIds() throws Exception {
        PageContent page = corpusPage("hf/api-daily-papers.json", "application/json");
        List<ParsedPaper> papers = PageFormatDetector.detect(null, page).parser().parse(page);
        assertEquals(30, papers.size());
        assertEquals("2606.00467", papers.get(0).arxivId());
        assertEquals(30, papers.stream().map(ParsedPaper::arxivId).filter(id -> id != null && id.matches("\\d{4}\\.\\d{5}")).distinct().count());
    }
}
