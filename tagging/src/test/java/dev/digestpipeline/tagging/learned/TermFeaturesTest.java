package dev.digestpipeline.tagging.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.digestpipeline.tagging.WordStems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermFeaturesTest {
    private static List<String> named(String title, String abstractText) {
        List<String> terms = new ArrayList<>();
        TermFeatures.forEachNamed(
                WordStems.of(title), WordStems.of(abstractText), (key, name, count) -> terms.add(name + "×" + count));
        return terms;
    }

    @Test
    void wordsAndNeighbouringPairsWithTitleTermsCountingTwice() {
        assertEquals(
                List.of("languag×2", "model×2", "languag model×2", "larg×1", "model×1", "larg model×1"),
                named("Language Models", "large models"));
    }

    @Test
    void stopWordsAndNumbersAreLeftOutAndNoPairSpansThem() {
        assertEquals(List.of("imag×1", "segmentation×1"), named(null, "the image of 2024 segmentation"));
    }

    @Test
    void keysAreTheSameWhetherNamedOrNot() {
        List<Long> plain = new ArrayList<>();
        List<Long> named = new ArrayList<>();
        List<String> title = WordStems.of("Vision-Language Models for Robots");
        List<String> abstractText = WordStems.of("We ground language in images.");
        TermFeatures.forEach(title, abstractText, (key, count) -> plain.add(key));
        TermFeatures.forEachNamed(title, abstractText, (key, name, count) -> {
            named.add(key);
            assertEquals(TermFeatures.keyOfName(name), key);
        });
        assertEquals(named, plain);
    }

    @Test
    void aPairIsOrdered() {
        long language = TermFeatures.key("language");
        long model = TermFeatures.key("model");
        assertNotEquals(TermFeatures.pair(language, model), TermFeatures.pair(model, language));
    }
}
