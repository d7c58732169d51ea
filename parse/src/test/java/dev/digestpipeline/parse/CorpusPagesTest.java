package dev.digestpipeline.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digestpipeline.parse.arxiv.ArxivIds;
import dev.digestpipeline.parse.hf.DailyPapersApiParser;
import dev.digestpipeline.parse.hf.DailyPapersTextParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The real captured pages of ../shared/corpus (path from -Ddigest.corpus); skipped when it is absent. Each page
 * must give its paper count, its ids, and titles equal to the source's own (read here independently of the
 * parsers: from the file's lines, its JSON or its XML/HTML elements, whitespace folded).
 */
class CorpusPagesTest {
    private static Path corpusFile(String relative) {
        Path corpus = Fixtures.corpus().orElse(null);
        assumeTrue(corpus != null, "corpus not present (set -Ddigest.corpus)");
        return corpus.resolve(relative);
    }

    private static PageParse parse(Path file, String expectedKind) throws Exception {
        PageContent page = new PageContent(file.toUri().toString(), null, Fixtures.FETCHED, Files.readAllBytes(file));
        PageFormat format = PageFormatDetector.detect(null, page);
        assertEquals(expectedKind, format.kind());
        PageParse parse = format.parser().parse(page);
        assertEquals(List.of(), parse.skipped());
        return parse;
    }

    private static List<String> titles(PageParse parse) {
        return parse.papers().stream().map(ParsedPaper::title).toList();
    }

    private static List<String> ids(PageParse parse) {
        return parse.papers().stream().map(ParsedPaper::arxivId).toList();
    }

    private static String folded(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    @Test
    void textPageYieldsIts88PapersWithTitlesEqualToTheTitleLines() throws Exception {
        Path file = corpusFile("text/daily-papers-2025-08-20.txt");
        List<String> blocks = DailyPapersTextParser.blocks(Files.readString(file));
        List<String> titleLines = new ArrayList<>();
        for (int i = 6; i < blocks.size(); i += 2) {
            titleLines.add(blocks.get(i));
        }
        PageParse parse = parse(file, "hf-daily-text");
        assertEquals(88, parse.papers().size());
        assertEquals(titleLines, titles(parse));
    }

    @Test
    void apiJsonYieldsIts30PapersWithTheirIdsAndTitles() throws Exception {
        Path file = corpusFile("hf/api-daily-papers.json");
        JsonNode items = DailyPapersApiParser.JSON.readTree(file.toFile());
        List<String> expectedIds = new ArrayList<>();
        List<String> expectedTitles = new ArrayList<>();
        items.forEach(item -> {
            expectedIds.add(item.path("paper").path("id").asText());
            expectedTitles.add(folded(item.path("paper").path("title").asText()));
        });
        PageParse parse = parse(file, "hf-daily-api-json");
        assertEquals(30, parse.papers().size());
        assertEquals(expectedIds, ids(parse));
        assertEquals(expectedTitles, titles(parse));
    }

    @Test
    void rssAtomFeedYieldsIts7PapersWithIdsTitlesAndAnnounceTypes() throws Exception {
        Path file = corpusFile("arxiv/rss-atom-cs.AI-2025-08-20.xml");
        Document xml = Jsoup.parse(Files.readString(file), "", Parser.xmlParser());
        PageParse parse = parse(file, "arxiv-atom");
        assertEquals(7, parse.papers().size());
        assertEquals(
                xml.select("entry > id").eachText().stream()
                        .map(ArxivIds::normalize)
                        .toList(),
                ids(parse));
        assertEquals(
                xml.select("entry > title").eachText().stream()
                        .map(CorpusPagesTest::folded)
                        .toList(),
                titles(parse));
        assertEquals(
                xml.select("entry > arxiv|announce_type").eachText(),
                parse.papers().stream().map(ParsedPaper::announceType).toList());
    }

    @Test
    void legacyApiAnswerYieldsIts10PapersWithIdsTitlesAndPrimaryCategories() throws Exception {
        Path file = corpusFile("arxiv/api-query-legacy-10.xml");
        Document xml = Jsoup.parse(Files.readString(file), "", Parser.xmlParser());
        PageParse parse = parse(file, "arxiv-atom");
        assertEquals(10, parse.papers().size());
        assertEquals(
                xml.select("entry > id").eachText().stream()
                        .map(ArxivIds::normalize)
                        .toList(),
                ids(parse));
        assertEquals(
                xml.select("entry > title").eachText().stream()
                        .map(CorpusPagesTest::folded)
                        .toList(),
                titles(parse));
        assertEquals(
                xml.select("entry > arxiv|primary_category").eachAttr("term"),
                parse.papers().stream().map(ParsedPaper::primaryCategory).toList());
    }

    @Test
    void abstractPageYieldsItsOnePaperWithTheCitationTitle() throws Exception {
        Path file = corpusFile("arxiv/abs-1902.02534.html");
        Element meta = Jsoup.parse(Files.readString(file)).selectFirst("meta[name=citation_title]");
        PageParse parse = parse(file, "arxiv-abs-html");
        assertEquals(1, parse.papers().size());
        assertEquals(List.of("1902.02534"), ids(parse));
        assertEquals(List.of(folded(meta.attr("content"))), titles(parse));
        ParsedPaper paper = parse.papers().get(0);
        assertEquals(2, paper.arxivVersion());
        assertEquals(List.of("Ivan Heibi", "Silvio Peroni", "David Shotton"), paper.authors());
        assertEquals("cs.DL", paper.primaryCategory());
    }
}
