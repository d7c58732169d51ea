package dev.digestpipeline.parse.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
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

    @Test
    void idsOfEarlierVersionsStayTheSame() {
        // stored keys and ids of title-only papers: the hashes enrich wrote before the ASCII fast path
        assertEquals("d15ab503aa8e19a2", PaperIds.titleHash(TITLE));
        assertEquals("d15ab503aa8e19a2", PaperIds.titleKey(TITLE));
        assertEquals("2305a41aefc1222c", PaperIds.titleKey("Eﬃcient Diffusion： Schrödinger Bridges"));
        String latex = "$\\mathcal{O}(n)$ Attention for \\textbf{Long} Sequences";
        assertEquals("1e1d02a6df6cb77c", PaperIds.titleHash(latex));
        assertEquals("3ecaf7c6fc072dcd", PaperIds.titleKey(latex));
    }

    @Test
    void anAsciiTitleFoldsAsTheUnicodeFoldingFoldsIt() {
        Random random = new Random(42);
        String alphabet = "aZ09 \\\t\n.:-$_{}()'\"\u007f\u0000";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder title = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                title.append(
                        random.nextBoolean()
                                ? (char) random.nextInt(0x80)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (boolean latex : new boolean[] {true, false}) {
                assertEquals(
                        PaperIds.unicodeFolded(title.toString(), latex),
                        PaperIds.asciiFolded(title.toString(), latex),
                        () -> "title [" + title + "], LaTeX dropped: " + latex);
            }
        }
    }

    @Test
    void aTitleOutsideAsciiIsLeftToTheUnicodeFolding() {
        assertNull(PaperIds.asciiFolded("Schrödinger Bridges", false));
        assertEquals("schrodinger bridges", PaperIds.unicodeFolded("Schrödinger Bridges", false));
    }
}
