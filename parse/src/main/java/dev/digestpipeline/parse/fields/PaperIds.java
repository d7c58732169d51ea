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

    /**
     * The key every sighting of one paper shares whatever the page's format: its title with Unicode compatibility
     * forms, LaTeX markup, accents, case, punctuation, spacing and trailing periods folded, hashed. A page that
     * names no arXiv id is matched to one that does by this key. For a title without LaTeX it is the title
     * hash of {@link #of}.
     */
    public static String titleKey(String title) {
        return hash(folded(title, true));
    }

    /** Case, accents, punctuation and spacing do not change the hash. */
    public static String titleHash(String title) {
        return hash(folded(title, false));
    }

    private static String folded(String title, boolean dropLatexCommands) {
        // enrich keys every paper by its title, and nearly every title is ASCII: one pass instead of two Unicode
        // normalisations and three regular expressions
        String ascii = asciiFolded(title, dropLatexCommands);
        return ascii != null ? ascii : unicodeFolded(title, dropLatexCommands);
    }

    /** LaTeX commands ({@code \mathcal}, {@code \textbf}); their braces and dollars fold with punctuation. */
    private static final Pattern LATEX_COMMAND = Pattern.compile("\\\\[A-Za-z]+");

    private static final Pattern MARK = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The title folded for its hash: any title. */
    static String unicodeFolded(String title, boolean dropLatexCommands) {
        String text = dropLatexCommands
                ? LATEX_COMMAND
                        .matcher(Normalizer.normalize(title, Normalizer.Form.NFKC))
                        .replaceAll(" ")
                : title;
        String unmarked =
                MARK.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        return NOT_LETTER_OR_DIGIT
                .matcher(unmarked.toLowerCase(Locale.ROOT))
                .replaceAll(" ")
                .strip();
    }

    /**
     * The title folded for its hash, the same as {@link #unicodeFolded} gives, or null if the title has a character
     * outside ASCII (which both normalisations leave as it is): lower-case letters and digits, each run of anything
     * else one space, none at either end.
     */
    static String asciiFolded(String title, boolean dropLatexCommands) {
        StringBuilder out = new StringBuilder(title.length());
        boolean gap = false;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (isAsciiLetter(c) || (c >= '0' && c <= '9')) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            } else {
                gap = true;
                if (c == '\\' && dropLatexCommands) {
                    while (i + 1 < title.length() && isAsciiLetter(title.charAt(i + 1))) {
                        i++;
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // a digest per thread: looking the algorithm up took as long as hashing a title
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String hash(String folded) {
        byte[] digest = SHA_256.get().digest(folded.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
