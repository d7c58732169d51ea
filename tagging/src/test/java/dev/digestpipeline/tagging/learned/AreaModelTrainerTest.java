package dev.digestpipeline.tagging.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation.Labelled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AreaModelTrainerTest {
    /** Small enough for a tiny set: every term seen once counts. */
    private static final AreaModelTrainer.Settings SMALL = new AreaModelTrainer.Settings(1, 1, 1, 10_000, 4.0, 42L);

    private static Path fixture() throws URISyntaxException {
        return Path.of(AreaModelTrainerTest.class
                .getResource("/labelled/train-small.jsonl")
                .toURI());
    }

    private static AreaModelTrainer trainer() {
        return new AreaModelTrainer(Taxonomy.bundled(), SMALL, line -> {});
    }

    @Test
    void newestMonthIsTheTestTheMonthBeforeCalibratesTheRestTrains() throws Exception {
        AreaModelTrainer.Split split = trainer().split(TaggerEvaluation.read(fixture()), List.of());
        assertEquals(List.of("2503"), split.testMonths());
        assertEquals(List.of("2502"), split.validationMonths());
        assertEquals(14, split.train().size());
        assertEquals(3, split.validation().size());
        assertEquals(3, split.test().size());
        assertTrue(split.test().stream().allMatch(p -> p.id().startsWith("2503.")));
    }

    @Test
    void excludedPapersAreInNoPartWhateverTheirVersion() throws Exception {
        List<Labelled> papers = TaggerEvaluation.read(fixture());
        AreaModelTrainer.Split split =
                trainer().split(papers, List.of(papers.get(0).id() + "v2"));
        assertEquals(1, split.excluded());
        assertEquals(
                19,
                split.train().size() + split.validation().size() + split.test().size());
    }

    @Test
    void aHeldOutPaperGetsItsAreaWithTheTermsThatWeighedMost() throws Exception {
        AreaModel model = trainer()
                .train(trainer().split(TaggerEvaluation.read(fixture()), List.of()), "test")
                .model();
        AreaModel.AreaScore vision = model.scores("Image Captioning", "We describe images in a sentence.").stream()
                .filter(s -> s.area().equals("vision"))
                .findFirst()
                .orElseThrow();
        assertTrue(vision.probability() > model.threshold("vision"), vision.toString());
        assertEquals("model:imag", vision.evidence().get(0));
    }

    @Test
    void theSameDataAndSeedGiveTheSameModelBytes() throws Exception {
        assertArrayEquals(bytes(trainedOnFixture()), bytes(trainedOnFixture()));
    }

    @Test
    void aWrittenModelReadsBackScoringAlike() throws Exception {
        AreaModel model = trainedOnFixture();
        AreaModel read = AreaModel.read(new ByteArrayInputStream(bytes(model)));
        assertEquals(model.areas(), read.areas());
        assertEquals(model.description(), read.description());
        assertEquals(
                model.scores("Robot Grasping", "a robot arm grasps objects"),
                read.scores("Robot Grasping", "a robot arm grasps objects"));
    }

    @Test
    void runWritesTheModelAndPrintsCalibrationAndTheHeldOutTable(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path model = dir.resolve("model.bin.gz");
        TrainingRun.run(fixture(), null, model, SMALL, false, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("training 14, calibration 3 (months 2502), test 3 (months 2503)"), printed);
        assertTrue(printed.contains("calibrated thresholds"), printed);
        assertTrue(printed.contains("| taxonomy"), printed);
        assertEquals(
                AreaModelTrainer.learnableAreas(Taxonomy.bundled()),
                AreaModel.fromFile(model).areas());
    }

    @Test
    void theCeilingScoresAFifthOfTheTestMonthsWithAModelThatLearnedTheRest() throws Exception {
        AreaModelTrainer.Split split = trainer().split(TaggerEvaluation.read(fixture()), List.of());
        AreaModelTrainer.Ceiling ceiling = trainer().ceiling(split);
        // three test papers: a fifth rounds up to one, the other two are learned from
        assertEquals(1, ceiling.papers().size());
        assertTrue(split.test().contains(ceiling.papers().get(0)));
        assertEquals(1, ceiling.report().papers());
        assertEquals(
                AreaModelTrainer.learnableAreas(Taxonomy.bundled()),
                ceiling.report().areas().stream()
                        .map(TaggerEvaluation.AreaScore::area)
                        .toList());
    }

    @Test
    void runWithTheCeilingPrintsItBesideTheWrittenModel(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingRun.run(
                fixture(),
                null,
                dir.resolve("model.bin.gz"),
                SMALL,
                true,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("ceiling: 1 papers, a seeded part of months 2503"), printed);
        assertTrue(printed.contains("| held out               | same months"), printed);
    }

    private static AreaModel trainedOnFixture() throws Exception {
        return trainer()
                .train(trainer().split(TaggerEvaluation.read(fixture()), List.of()), "fixture")
                .model();
    }

    private static byte[] bytes(AreaModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }
}
