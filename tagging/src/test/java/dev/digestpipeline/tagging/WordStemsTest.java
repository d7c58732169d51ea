package dev.digestpipeline.tagging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordStemsTest {
    @Test
    void wordsAreLowerCasedSplitOnPunctuationAndStemmed() {
        assertEquals(
                List.of("end", "to", "end", "model", "model", "model", "study"),
                WordStems.of("End-to-end models, Modeling; modelled studies"));
    }

    @Test
    void theWordsAtPositionsOfTheStemsAreTheTextsOwnLowerCased() {
        String text = "Large Language Models, for modelling languages";
        assertEquals(List.of("larg", "languag", "model", "for", "model", "languag"), WordStems.of(text));
        assertArrayEquals(
                new String[] {"language", "models", "modelling"}, WordStems.wordsAt(text, new int[] {1, 2, 4}));
    }

    @Test
    void noPositionsReadNoWords() {
        assertArrayEquals(new String[0], WordStems.wordsAt("Some text", new int[0]));
        assertArrayEquals(new String[] {null}, WordStems.wordsAt(null, new int[] {0}));
    }
}
