package dev.digestpipeline.parse.fields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Stable paper ids: the arXiv id when known, else "title:" and a hash of the normalised title. */
public final class PaperIds {
    private PaperIds() {}

    public static String of(String arxivId, String title) {
        if (arxivId != null) {
            return arxivId;
        }
        return "title:" + titleHash(title);
    }

    /** LaTeX commands ({@code \mathcal}, {@code \textbf}); their braces and dollars fold with punctuation. */
    private static final Pattern LATEX_COMMAND = Pattern.compile("\\\\[A-Za-z]+");

    /**
     * The key every sighting of one paper shares whatever the page's format: its title with Unicode compatibility
     * forms, LaTeX markup, accents, case, punctuation, spacing and trailing periods folded, hashed. A page that
     * names no arXiv id is matched to one that does by this key. For a title without LaTeX it is the title
     * hash of {@link #of}.
     */
    public static String titleKey(String title) {
        return titleHash(LATEX_COMMAND
                .matcher(Normalizer.normalize(title, Normalizer.Form.NFKC))
                .replaceAll(" "));
    }

    private static final Pattern MARK = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Case, accents, punctuation and spacing do not change the hash. */
    public static String titleHash(String title) {
        // compiled once: enrich keys every paper by its title, and String.replaceAll compiles its pattern each call
        String unmarked =
                MARK.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String folded = NOT_LETTER_OR_DIGIT
                .matcher(unmarked.toLowerCase(Locale.ROOT))
                .replaceAll(" ")
                .strip();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
