package dev.digestpipeline.enrich.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.enrich.RawPages;
import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.PageFormat;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.fields.PaperIds;
import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Sighting;
import dev.digestpipeline.schemas.Tag;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the enricher derives on top of the parsers: ids, versions, short names, repos, facts, tags, sightings. */
class PageEnricherTest {
    private final PageEnricher enricher =
            new PageEnricher(TopicTagger.bundled(), Clock.fixed(Instant.parse("2025-08-21T08:00:00Z"), ZoneOffset.UTC));

    private PageEnricher.EnrichedPage enrich(String fixture) throws UnparseablePageException {
        return enricher.enrich(RawPages.rawPage("file:///fixtures/" + fixture, Fixtures.bytes(fixture), null));
    }

    @Test
    void apiPaperGetsIdWithoutVersionShortNameFactsAndCategoryAreas() throws Exception {
        PageEnricher.EnrichedPage page = enrich("arxiv-api-current.xml");
        assertEquals(PageFormat.ARXIV_ATOM, page.format());
        Paper paper = page.papers().get(0);
        assertEquals("2508.14999", paper.getPaperId());
        assertEquals(3, paper.getArxivVersion());
        assertEquals("MoE-Lite", paper.getShortName());
        assertEquals(List.of("8x7B"), paper.getModelSizes());
        assertEquals(List.of("2,400 H100 GPU hours"), paper.getComputeBudgets());
        assertEquals(List.of("32K context"), paper.getContextLengths());
        assertEquals("arxiv-atom", paper.getPageKind());
        assertEquals(
                List.of(
                        new Link("paper", "https://arxiv.org/abs/2508.14999v3", null),
                        new Link("pdf", "https://arxiv.org/pdf/2508.14999v3", null),
                        new Link("model", "https://huggingface.co/example/moe-lite", null)),
                paper.getLinks());
        assertEquals(
                List.of(
                        new Tag("systems/moe-lora", 28.5, List.of("moe", "mixture of experts", "lora", "adapter")),
                        new Tag("language", 10.0, List.of("category:cs.CL")),
                        new Tag("language/long-context", 3.0, List.of("context length"))),
                paper.getTags());
    }

    @Test
    void textPaperGetsTitleHashIdRepoOfItsCodeLinkAndLearnedAreas() throws Exception {
        Paper paper = enrich("daily-papers-2025-08-21.txt").papers().get(0);
        assertEquals(
                "title:" + PaperIds.titleHash("VectorMapNet: End-to-end Vectorized HD Map Learning"),
                paper.getPaperId());
        assertNull(paper.getArxivId());
        assertEquals("VectorMapNet", paper.getShortName());
        assertEquals(
                List.of(
                        new Link(
                                "code",
                                "https://github.com/Mrmoore98/VectorMapNet_code",
                                "github.com/Mrmoore98/VectorMapNet_code"),
                        new Link("project", "https://tsinghua-mars-lab.github.io/vectormapnet/", null)),
                paper.getLinks());
        assertEquals(
                List.of(
                        new Tag(
                                "robotics/autonomous-driving",
                                10.0,
                                List.of("hd map", "autonomous driving", "driving")),
                        // the learned areas, with the terms that weighed most and the taxonomy's phrases
                        new Tag("vision", 9.5, List.of("model:map", "model:end", "model:vectorized")),
                        new Tag(
                                "robotics",
                                4.1,
                                List.of(
                                        "model:driving systems",
                                        "model:autonomous",
                                        "model:driving",
                                        "hd map",
                                        "autonomous driving"))),
                paper.getTags());
    }

    @Test
    void everyPaperRecordsThePageAndItsPositionOnIt() throws Exception {
        List<Paper> papers = enrich("arxiv-list-cs.CL-new.html").papers();
        LocalDate aug20 = LocalDate.of(2025, 8, 20);
        Instant fetched = Fixtures.FETCHED;
        String uri = "file:///fixtures/arxiv-list-cs.CL-new.html";
        assertEquals(
                List.of(
                        List.of(new Sighting(uri, 1, aug20, fetched)),
                        List.of(new Sighting(uri, 2, aug20, fetched)),
                        List.of(new Sighting(uri, 3, aug20, fetched))),
                papers.stream().map(Paper::getSightings).toList());
        assertEquals(
                List.of("new", "cross", "replace"),
                papers.stream().map(Paper::getAnnounceType).toList());
        assertEquals(List.of(List.of("8B", "70B")), List.of(papers.get(0).getModelSizes()));
        assertEquals(List.of("128K tokens"), papers.get(0).getContextLengths());
        assertEquals(
                "github.com/facebookresearch/RAM",
                papers.get(0).getLinks().get(3).getRepo());
    }

    @Test
    void categoriesSetAreasEvenWhenTheTextSaysLittle() throws Exception {
        Paper replaced = enrich("arxiv-list-cs.CL-new.html").papers().get(2);
        assertEquals(
                List.of(
                        new Tag("language", 10.0, List.of("category:cs.CL")),
                        new Tag("speech", 10.0, List.of("category:cs.SD", "category:eess.AS"))),
                replaced.getTags());
    }

    @Test
    void pageWhoseEntriesAllFailIsOneErrorNamingThem() {
        byte[] json = "[{\"paper\":{\"id\":\"2508.00002\"}}]".getBytes(StandardCharsets.UTF_8);
        UnparseablePageException e = assertThrows(
                UnparseablePageException.class,
                () -> enricher.enrich(RawPages.rawPage("file:///x.json", json, "application/json")));
        assertEquals(
                "no papers found on the page (read as hf-daily-api-json); skipped entry 1: daily papers JSON "
                        + "item has no title",
                e.getMessage());
    }
}
