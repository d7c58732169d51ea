package dev.digestpipeline.tagging.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.tagging.TopicTagger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaggerEvaluationTest {
    private static Path labelled(String name) throws URISyntaxException {
        return Path.of(
                TaggerEvaluationTest.class.getResource("/labelled/" + name).toURI());
    }

    @Test
    void jsonlAndCsvReadTheSamePapers() throws Exception {
        List<TaggerEvaluation.Labelled> jsonl = TaggerEvaluation.read(labelled("papers.jsonl"));
        List<TaggerEvaluation.Labelled> csv = TaggerEvaluation.read(labelled("papers.csv"));
        assertEquals(4, jsonl.size());
        assertEquals(List.of("cs.CL", "cs.LG"), csv.get(1).categories());
        assertEquals(
                "A neural machine translation model for languages with small corpora,\nover two lines.",
                csv.get(1).abstractText());
        assertEquals(jsonl.get(0).title(), csv.get(0).title());
    }

    @Test
    void scoresEachAreaAgainstTheAreasItsCategoriesMapTo() throws Exception {
        TaggerEvaluation.Report report =
                TaggerEvaluation.evaluate(TopicTagger.bundled(), TaggerEvaluation.read(labelled("papers.jsonl")));
        assertEquals(4, report.papers());
        // the robot paper learns from video: the text says vision too, its category does not
        assertEquals(new TaggerEvaluation.AreaScore("micro", 3, 4, 3), report.micro());
        assertEquals(
                new TaggerEvaluation.AreaScore("vision", 1, 2, 1),
                report.areas().stream()
                        .filter(a -> a.area().equals("vision"))
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void commandPrintsTheThreeTaggersSideBySideWithMicroAverages() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TaggerEvaluation.run(
                labelled("papers.jsonl"), null, null, 0, new PrintStream(out, true, StandardCharsets.UTF_8));
        String mapped = out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("micro, mapped"))
                .findFirst()
                .orElse("");
        // taxonomy, learned, combined: the robot paper learns from video, and the text says vision too
        assertEquals(
                "micro, mapped           3 |  0.750  1.000   0.857 |  0.750  1.000   0.857 |  0.750  1.000   0.857",
                mapped);
    }

    @Test
    void paperWithOnlyCatchAllCategoriesCountsInTheTotalButNotInTheMappedAverage() {
        TaggerEvaluation.Report report = TaggerEvaluation.evaluate(
                TopicTagger.bundled(),
                List.of(
                        new TaggerEvaluation.Labelled(
                                "1",
                                "Image Segmentation with Convolutional Networks",
                                "We segment images pixel by pixel with a CNN on COCO.",
                                List.of("cs.CV")),
                        new TaggerEvaluation.Labelled(
                                "2",
                                "Image Classification with Convolutional Networks",
                                "We classify images with a CNN on ImageNet.",
                                List.of("cs.LG"))));
        assertEquals(new TaggerEvaluation.AreaScore("micro", 1, 2, 1), report.micro());
        assertEquals(1, report.mappedPapers());
        assertEquals(new TaggerEvaluation.AreaScore("micro, mapped", 1, 1, 1), report.mappedMicro());
    }
}
