package dev.digestpipeline.parse.fields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** Stable paper ids: the arXiv id when known, else "title:" and a hash of the normalised title. */
public final class PaperIds {
    private PaperIds() {}

    public static String of(String arxivId, String title) {
        if (arxivId != null) {
            return arxivId;
        }
        return "title:" + titleHash(title);
    }

    /** Case, accents, punctuation and spacing do not change the hash. */
    public static String titleHash(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
