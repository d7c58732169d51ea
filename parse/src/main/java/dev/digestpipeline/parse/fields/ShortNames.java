package dev.digestpipeline.parse.fields;

/**
 * The short name a title gives before its colon ("VectorMapNet: End-to-end Vectorized HD Map Learning"): one
 * capitalised word, or up to three words of which one looks like a name (inner capital or digit: "LLaMA-Adapter
 * V2", "DeepSeek-R1"). "On the Limits of LLM Adaptability: ..." has a heading, not a name, before its colon.
 */
public final class ShortNames {
    static final int MAX_CHARS = 40;
    static final int MAX_WORDS = 3;

    private ShortNames() {}

    public static String of(String title) {
        if (title == null) {
            return null;
        }
        int colon = title.indexOf(':');
        if (colon <= 0 || colon > MAX_CHARS) {
            return null;
        }
        String prefix = title.substring(0, colon).strip();
        String[] words = prefix.split(" ", 0);
        if (prefix.isEmpty() || words.length > MAX_WORDS) {
            return null;
        }
        if (words.length == 1) {
            return Character.isUpperCase(prefix.codePointAt(0))
                            || Character.isDigit(prefix.charAt(0))
                            || nameLike(prefix)
                    ? prefix
                    : null;
        }
        for (String word : words) {
            if (nameLike(word)) {
                return prefix;
            }
        }
        return null;
    }

    /** An inner capital letter or a digit: "VectorMapNet", "GPT-4o", "LLaMA", "nnU-Net". */
    private static boolean nameLike(String word) {
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isUpperCase(c) || Character.isDigit(c)) {
                return true;
            }
        }
        return false;
    }
}
