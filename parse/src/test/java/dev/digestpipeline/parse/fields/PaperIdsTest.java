package dev.digestpipeline.parse.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PaperIdsTest {
    private static final String TITLE = "VectorMapNet: End-to-end Vectorized HD Map Learning";

    @Test
    void anArxivIdIsThePaperIdAndATitleOnlyPaperGetsItsTitleHash() {
        assertEquals("2206.08920", PaperIds.of("2206.08920", TITLE));
        assertEquals("title:" + PaperIds.titleHash(TITLE), PaperIds.of(null, TITLE));
    }

    @Test
    void titleKeyFoldsCaseSpacingPunctuationAndTrailingPeriods() {
        String key = PaperIds.titleKey(TITLE);
        assertEquals(key, PaperIds.titleKey("vectormapnet end to end   vectorized hd map learning."));
        assertEquals(key, PaperIds.titleKey("VectorMapNet:\nEnd-to-End Vectorized HD Map Learning"));
    }

    @Test
    void titleKeyFoldsUnicodeCompatibilityFormsAndAccents() {
        // a full-width colon, a ligature, an accent
        assertEquals(
                PaperIds.titleKey("Efficient Diffusion: Schrodinger Bridges"),
                PaperIds.titleKey("Eﬃcient Diffusion： Schrödinger Bridges"));
    }

    @Test
    void titleKeyFoldsLatexMarkup() {
        assertEquals(
                PaperIds.titleKey("O(n) Attention for Long Sequences"),
                PaperIds.titleKey("$\\mathcal{O}(n)$ Attention for \\textbf{Long} Sequences"));
    }

    @Test
    void titleKeyIsTheTitleHashForAPlainTitleAndDiffersForAnotherTitle() {
        assertEquals(PaperIds.titleHash(TITLE), PaperIds.titleKey(TITLE));
        assertNotEquals(PaperIds.titleKey(TITLE), PaperIds.titleKey("VectorMapNet: Vectorized HD Map Learning"));
    }
}
