package dev.digestpipeline.tagging.learned;

import java.util.List;
import java.util.Set;

/**
 * The terms a paper's text is counted by: every word stem and every pair of neighbouring stems, stop words left
 * out (a pair never spans one). Title terms count twice, because a title names what a paper is about. Each term is
 * a 64-bit key, so the model looks terms up without building their strings; {@link #forEachNamed} builds names
 * once, for the vocabulary and for evidence.
 */
public final class TermFeatures {
    /** How often a title term counts against an abstract term. */
    static final int TITLE_COUNT = 2;

    private static final Set<String> STOP_WORDS = Set.of(
            "a",
            "an",
            "the",
            "of",
            "and",
            "or",
            "in",
            "on",
            "at",
            "to",
            "for",
            "from",
            "by",
            "with",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "we",
            "our",
            "us",
            "which",
            "can",
            "has",
            "have",
            "had",
            "not",
            "no",
            "also",
            "than",
            "into",
            "such",
            "their",
            "they",
            "them",
            "there",
            "then",
            "thus",
            "both",
            "each",
            "but",
            "if",
            "while",
            "via",
            "over",
            "under",
            "between",
            "more",
            "most",
            "other",
            "some",
            "all",
            "any",
            "do",
            "doe",
            "how",
            "what",
            "when",
            "where",
            "who",
            "would",
            "could",
            "should",
            "may",
            "might",
            "will",
            "one",
            "two",
            "new",
            "using",
            "use",
            "used",
            "based",
            "show",
            "shown",
            "propose",
            "proposed",
            "present",
            "paper",
            "work",
            "approach",
            "method",
            "result",
            "further",
            "well",
            "however",
            "across",
            "through",
            "without",
            "within",
            "among",
            "up",
            "out",
            "so");

    /** Receives each term occurrence: its key and how much it counts. */
    @FunctionalInterface
    public interface TermSink {
        /** Returns whether the term is known: a pair is only offered when both its words are. */
        boolean term(long key, int count);
    }

    private TermFeatures() {}

    /** Every term of the title's and the abstract's stems, in text order. */
    public static void forEach(List<String> titleStems, List<String> abstractStems, TermSink sink) {
        Walk walk = (stems, first, last, key, count) -> sink.term(key, count);
        walk(titleStems, TITLE_COUNT, walk);
        walk(abstractStems, 1, walk);
    }

    /** Each term with its readable name ("model", "language model"), for building a vocabulary. */
    public static void forEachNamed(List<String> titleStems, List<String> abstractStems, NamedTermSink sink) {
        Walk walk = (stems, first, last, key, count) -> {
            sink.term(key, first == last ? stems.get(first) : stems.get(first) + " " + stems.get(last), count);
            return true;
        };
        walk(titleStems, TITLE_COUNT, walk);
        walk(abstractStems, 1, walk);
    }

    /** Receives each term occurrence with its name. */
    @FunctionalInterface
    public interface NamedTermSink {
        void term(long key, String name, int count);
    }

    /** A term of the stems from {@code first} to {@code last} (the same for a word): true when it is known. */
    @FunctionalInterface
    private interface Walk {
        boolean term(List<String> stems, int first, int last, long key, int count);
    }

    /** The one walk over stems that both the model's lookups and the vocabulary's names take, so they agree. */
    private static void walk(List<String> stems, int count, Walk sink) {
        long previous = 0;
        for (int i = 0, n = stems.size(); i < n; i++) {
            String stem = stems.get(i);
            long key = key(stem);
            if (isStopWord(stem, key)) {
                previous = 0;
                continue;
            }
            // a vocabulary keeps no pair without its two words, so a pair of an unknown word is not looked up
            boolean known = sink.term(stems, i, i, key, count);
            if (previous != 0 && known) {
                sink.term(stems, i - 1, i, pair(previous, key), count);
            }
            previous = known ? key : 0;
        }
    }

    /** The stop words' keys in an open-addressed table: a stem is looked up by the key it needs anyway. */
    private static final long[] STOP_KEYS = new long[512];

    static {
        for (String word : STOP_WORDS) {
            long key = key(word);
            int slot = stopSlot(key);
            while (STOP_KEYS[slot] != 0) {
                slot = (slot + 1) & (STOP_KEYS.length - 1);
            }
            STOP_KEYS[slot] = key;
        }
    }

    private static int stopSlot(long key) {
        return (int) (key ^ (key >>> 29)) & (STOP_KEYS.length - 1);
    }

    private static boolean isStopWord(String stem, long key) {
        if (stem.length() <= 1 || (Character.isDigit(stem.charAt(0)) && isNumber(stem))) {
            return true;
        }
        for (int slot = stopSlot(key); STOP_KEYS[slot] != 0; slot = (slot + 1) & (STOP_KEYS.length - 1)) {
            if (STOP_KEYS[slot] == key) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String stem) {
        for (int i = 0; i < stem.length(); i++) {
            if (!Character.isDigit(stem.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** FNV-1a over the stem's characters, never 0 (0 marks "no previous word" and an empty slot). */
    static long key(String stem) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < stem.length(); i++) {
            h ^= stem.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    /** The key of a pair of neighbouring stems; order matters ("language model" is not "model language"). */
    static long pair(long first, long second) {
        long h = first * 0x9E3779B97F4A7C15L + Long.rotateLeft(second, 31);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 2 : h;
    }

    /** The key of a vocabulary term's name: one stem, or two joined by a space. */
    static long keyOfName(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? key(name) : pair(key(name.substring(0, space)), key(name.substring(space + 1)));
    }
}
