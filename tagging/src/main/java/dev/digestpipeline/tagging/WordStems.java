package dev.digestpipeline.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as a sequence of word stems: lower case, split on everything but letters and digits (so "end-to-end" and
 * "end to end" are the same three words), with plural and inflection endings removed ("models", "modeling",
 * "modelled" are all "model"). Deliberately light: it only has to make a phrase and its variants meet. Each word
 * is lower-cased and stemmed in a reused buffer, so a word costs one String.
 */
public final class WordStems {
    private WordStems() {}

    public static List<String> of(String text) {
        if (text == null) {
            return new ArrayList<>();
        }
        // about one word per six characters in English prose: the list rarely grows
        List<String> stems = new ArrayList<>(text.length() / 6 + 4);
        walk(text, (word, length, tooLong) -> {
            // a 64-letter run is no phrase word; keep it whole so it matches nothing by accident
            stems.add(tooLong ? new String(word, 0, length) : new String(word, 0, stem(word, length)));
            return true;
        });
        return stems;
    }

    /**
     * The words at these positions of {@link #of}'s list (ascending, no repeats), lower case and unstemmed: the
     * text's own word for a stem ("languag": "language"). Only the words up to the last position are read, and
     * none is stemmed.
     */
    public static String[] wordsAt(String text, int[] positions) {
        String[] words = new String[positions.length];
        if (text == null || positions.length == 0) {
            return words;
        }
        int[] at = {0, 0}; // the word's position, the next wanted
        walk(text, (word, length, tooLong) -> {
            if (at[0]++ == positions[at[1]]) {
                words[at[1]++] = new String(word, 0, length);
            }
            return at[1] < positions.length;
        });
        return words;
    }

    /** Receives each word of a text, lower case, in a buffer the next word reuses; false stops the walk. */
    private interface WordSink {
        boolean word(char[] word, int length, boolean tooLong);
    }

    private static void walk(String text, WordSink sink) {
        int n = text.length();
        char[] word = new char[64];
        int length = 0;
        boolean tooLong = false;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            boolean ascii = c < 128;
            boolean wordChar = ascii
                    ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    : Character.isLetterOrDigit(c);
            if (wordChar) {
                if (length == word.length) {
                    tooLong = true;
                } else {
                    word[length++] = ascii ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
                }
            } else if (length > 0) {
                if (!sink.word(word, length, tooLong)) {
                    return;
                }
                length = 0;
                tooLong = false;
            }
        }
    }

    /** Stems the word in place and returns its new length. */
    private static int stem(char[] w, int n) {
        if (n <= 3 || !Character.isLetter(w[n - 1])) {
            return n;
        }
        if (n > 4 && endsWith(w, n, "ies")) {
            w[n - 3] = 'y';
            n -= 2;
        } else if (endsWith(w, n, "sses")
                || endsWith(w, n, "ches")
                || endsWith(w, n, "shes")
                || endsWith(w, n, "xes")) {
            n -= 2;
        } else if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') {
            n -= 1;
        }
        if (n > 5 && endsWith(w, n, "ing")) {
            n = undouble(w, n - 3);
        } else if (n > 4 && endsWith(w, n, "ed") && w[n - 3] != 'e') {
            n = undouble(w, n - 2);
        }
        if (n > 3 && w[n - 1] == 'e') {
            n--;
        }
        return n;
    }

    private static boolean endsWith(char[] w, int n, String suffix) {
        int k = suffix.length();
        if (n < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w[n - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** "modell" -> "model", "runn" -> "run". */
    private static int undouble(char[] w, int n) {
        if (n > 3 && w[n - 1] == w[n - 2] && "aeiousz".indexOf(w[n - 1]) < 0) {
            return n - 1;
        }
        return n;
    }
}
