package dev.digestpipeline.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageGeneratorTest {
    private static final TopicTagger TAGGER = TopicTagger.bundled();
    private final PageEnricher enricher = new PageEnricher(TAGGER, Clock.systemUTC());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hf-daily-text",
                "hf-daily-html",
                "hf-daily-api-json",
                "arxiv-listing-html",
                "arxiv-atom",
                "arxiv-rss"
            })
    void aPageOfEveryListingFormatGivesAllItsPapers(String format) throws UnparseablePageException {
        assertEquals(
                50, enricher.enrich(PageGenerator.page(format, 50, 1)).papers().size());
    }

    @Test
    void theSameSeedGivesTheSamePage() {
        assertArrayEquals(
                content(PageGenerator.page("arxiv-atom", 20, 5)), content(PageGenerator.page("arxiv-atom", 20, 5)));
    }

    @Test
    void papersOnOneSubjectCarryTwoOrThreeTagsAndMixedOnesMany() throws UnparseablePageException {
        // ranges, not figures: the bundled area model may be retrained
        double focused = meanTags(PageGenerator.Topics.FOCUSED);
        double mixed = meanTags(PageGenerator.Topics.MIXED);
        assertTrue(focused >= 1.5 && focused <= 3, "focused: " + focused);
        assertTrue(mixed >= 5, "mixed: " + mixed);
    }

    @Test
    void papersOnOneSubjectCarryAboutAsManyTagsAsTheCorpusLabelledPapers()
            throws IOException, UnparseablePageException {
        String dir = System.getProperty("digest.corpus");
        Path labelled = dir == null ? null : Path.of(dir, "labelled", "arxiv-labelled-210.jsonl");
        assumeTrue(labelled != null && Files.isRegularFile(labelled), "corpus not present (set -Ddigest.corpus)");
        double real = TaggerEvaluation.read(labelled).stream()
                .mapToInt(p ->
                        TAGGER.tag(p.title(), p.abstractText(), p.categories()).size())
                .average()
                .orElseThrow();
        double generated = meanTags(PageGenerator.Topics.FOCUSED);
        assertTrue(Math.abs(generated - real) <= 1, "generated " + generated + ", labelled " + real);
    }

    private double meanTags(PageGenerator.Topics topics) throws UnparseablePageException {
        List<Paper> papers = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            papers.addAll(enricher.enrich(PageGenerator.page("arxiv-atom", 100, page, page * 100, topics))
                    .papers());
        }
        return papers.stream().mapToInt(p -> p.getTags().size()).average().orElseThrow();
    }

    private static byte[] content(RawPage page) {
        return Utils.toArray(page.getContent());
    }
}
