package dev.digestpipeline.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.tagging.learned.AreaModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTaggerTest {
    private static TopicTagger tagger(String taxonomy) throws IOException {
        return new TopicTagger(
                Taxonomy.read(new ByteArrayInputStream(taxonomy.getBytes(StandardCharsets.UTF_8)), "test"));
    }

    private static final String SMALL = """
            [settings]
            title-weight = 2
            max-abstract-count = 2
            [area vision]
            categories = cs.CV
            min-score = 2
            phrases = image:1, end-to-end:1, multi-modal:2
            [topic vision/generation]
            min-score = 3
            phrases = diffusion model:3
            """;

    @Test
    void titleWeighsMoreThanAbstractAndAbstractCountsAreCapped() throws Exception {
        assertEquals(
                List.of(new TopicTagger.ScoredTag("vision", 4.0, List.of("image"))),
                tagger(SMALL).tag("Images", "image image image image"));
    }

    @Test
    void pluralsInflectionsAndHyphenSpaceVariantsMatch() throws Exception {
        TopicTagger tagger = tagger(SMALL);
        assertEquals(
                List.of(new TopicTagger.ScoredTag("vision", 3.0, List.of("end-to-end", "multi-modal"))),
                tagger.tag(null, "an end to end multimodal system"));
        assertEquals(
                List.of(new TopicTagger.ScoredTag("vision/generation", 6.0, List.of("diffusion model"))),
                tagger.tag("Diffusion Models", null));
    }

    @Test
    void wordsMatchWholeNotInsideOtherWords() throws Exception {
        assertEquals(List.of(), tagger(SMALL).tag("Imagery and imaginary numbers", "imagination"));
    }

    @Test
    void categoriesSetTheAreasTheyMapAndTextStillGivesTopics() throws Exception {
        assertEquals(
                List.of(
                        new TopicTagger.ScoredTag("vision", 10.0, List.of("category:cs.CV")),
                        new TopicTagger.ScoredTag("vision/generation", 3.0, List.of("diffusion model"))),
                tagger(SMALL).tag("Sampling", "a diffusion model", List.of("cs.CV", "cs.LG")));
        // a category the taxonomy does not map leaves the areas to the text
        assertEquals(
                List.of(new TopicTagger.ScoredTag("vision", 3.0, List.of("image"))),
                tagger(SMALL).tag("Images", "image", List.of("cs.CL")));
    }

    @Test
    void taxonomyErrorsNameTheLine() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tagger("[area vision]\nphrases = image:heavy\n"));
        assertEquals("test line 2: 'heavy' is not a number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tagger("[topic vision/generation]\nphrases = gan\n"));
        assertEquals("test line 1: topic vision/generation comes before its area is declared", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tagger("[area vision]\ncolour = blue\n"));
        assertEquals("test line 2: unknown key 'colour' (known: min-score, categories, phrases)", e.getMessage());
    }

    @Test
    void bundledTaxonomyHasTheAreasAndTopicsUsersAskFor() {
        List<String> names =
                Taxonomy.bundled().tags().stream().map(Taxonomy.Tag::name).toList();
        assertEquals(
                true,
                names.containsAll(List.of(
                        "language",
                        "vision",
                        "speech",
                        "robotics",
                        "learning-theory",
                        "systems",
                        "ir",
                        "medicine",
                        "science",
                        "language/llm",
                        "vision/multimodal",
                        "language/long-context",
                        "ir/retrieval-embeddings",
                        "systems/compression",
                        "systems/moe-lora",
                        "language/instruction-tuning",
                        "language/agents",
                        "systems/distributed-training",
                        "ml/federated-learning",
                        "robotics/autonomous-driving",
                        "vision/medical-imaging",
                        "science/climate",
                        "language/code",
                        "ml/benchmarks")),
                names.toString());
    }

    private static final String ROBOT_PAPER_TITLE = "Grasping Unknown Objects with a Robot Arm";
    private static final String ROBOT_PAPER_ABSTRACT =
            "A robot arm learns to grasp unknown objects from tactile feedback; the policy is trained in"
                    + " simulation and runs on a real robot.";

    private static TopicTagger bundledWith(TopicTagger.AreaSource source) {
        return new TopicTagger(Taxonomy.bundled(), AreaModel.bundled(), source);
    }

    @Test
    void theLearnedModelGivesAreasToPapersWithoutCategoriesWithTheTermsThatWeighedMostInTheirOwnWords() {
        TopicTagger.ScoredTag robotics =
                bundledWith(TopicTagger.AreaSource.LEARNED).tag(ROBOT_PAPER_TITLE, ROBOT_PAPER_ABSTRACT).stream()
                        .filter(t -> t.name().equals("robotics"))
                        .findFirst()
                        .orElseThrow();
        // the model's terms are the stems "robot", "grasp" and "unknown object"
        assertEquals(List.of("model:robot", "model:grasping", "model:unknown objects"), robotics.evidence());
    }

    @Test
    void categoriesStillDecideTheAreasWhenThereIsAModel() {
        List<String> areas =
                bundledWith(TopicTagger.AreaSource.COMBINED)
                        .tag(ROBOT_PAPER_TITLE, ROBOT_PAPER_ABSTRACT, List.of("cs.CL"))
                        .stream()
                        .filter(t -> Taxonomy.bundled().areaNames().contains(t.name()))
                        .map(TopicTagger.ScoredTag::name)
                        .toList();
        assertEquals(List.of("language"), areas);
    }

    @Test
    void theTaxonomySourceTagsAsTheTaxonomyAloneDoes() {
        assertEquals(
                TopicTagger.bundled().taxonomy().tags().size(),
                bundledWith(TopicTagger.AreaSource.TAXONOMY).taxonomy().tags().size());
        assertEquals(
                new TopicTagger(Taxonomy.bundled()).tag(ROBOT_PAPER_TITLE, ROBOT_PAPER_ABSTRACT),
                bundledWith(TopicTagger.AreaSource.TAXONOMY).tag(ROBOT_PAPER_TITLE, ROBOT_PAPER_ABSTRACT));
    }

    @Test
    void combinedKeepsWhatTheModelTagsAndAddsThePhrasesEvidence() {
        List<String> learned =
                names(bundledWith(TopicTagger.AreaSource.LEARNED).tag(ROBOT_PAPER_TITLE, ROBOT_PAPER_ABSTRACT));
        List<TopicTagger.ScoredTag> combined =
                bundledWith(TopicTagger.AreaSource.COMBINED).tag(ROBOT_PAPER_TITLE, ROBOT_PAPER_ABSTRACT);
        assertTrue(names(combined).containsAll(learned), combined.toString());
        TopicTagger.ScoredTag robotics = combined.stream()
                .filter(t -> t.name().equals("robotics"))
                .findFirst()
                .orElseThrow();
        assertTrue(robotics.evidence().contains("model:robot"), robotics.toString());
        assertTrue(robotics.evidence().contains("robot"), robotics.toString());
    }

    @Test
    void aLearnedSourceWithoutAModelIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new TopicTagger(Taxonomy.bundled(), null, TopicTagger.AreaSource.LEARNED));
        assertEquals("LEARNED areas need a learned model", e.getMessage());
    }

    private static List<String> names(List<TopicTagger.ScoredTag> tags) {
        return tags.stream().map(TopicTagger.ScoredTag::name).toList();
    }
}
