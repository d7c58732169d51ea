package dev.digestpipeline.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags papers by topic from a taxonomy of weighted phrases, matched on whole words in title and abstract.
 * A topic tag (area/topic) also adds its score to its area.
 */
public final class TopicTagger {
    /** Title matches weigh this much more than abstract matches. */
    static final double TITLE_WEIGHT = 2.0;
    /** A tag needs at least this score to be kept. */
    static final double MIN_SCORE = 2.0;

    private final List<Phrase> phrases;

    private record Phrase(String tag, double weight, String words) {}

    public record ScoredTag(String name, double score) {}

    private TopicTagger(List<Phrase> phrases) {
        this.phrases = phrases;
    }

    public static TopicTagger defaultTaxonomy() {
        try (InputStream in = TopicTagger.class.getResourceAsStream("/taxonomy.tsv")) {
            return read(in, "taxonomy.tsv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TopicTagger fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read taxonomy " + file + ": " + e.getMessage(), e);
        }
    }

    static TopicTagger read(InputStream in, String name) throws IOException {
        List<Phrase> phrases = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 3) {
                throw new IllegalArgumentException(name + " line " + number + ": expected tag, weight and phrases "
                        + "separated by tabs");
            }
            double weight;
            try {
                weight = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " line " + number + ": weight '" + parts[1] + "' is not a number");
            }
            for (String phrase : parts[2].split("\\|")) {
                phrases.add(new Phrase(parts[0].strip(), weight, " " + words(phrase) + " "));
            }
        }
        return new TopicTagger(phrases);
    }

    /** Lower case, hyphens and punctuation as spaces, single-spaced: "End-to-End" and "end to end" match alike. */
    static String words(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }

    public List<ScoredTag> tag(String title, String abstractText) {
        String titleWords = " " + words(title == null ? "" : title) + " ";
        String abstractWords = " " + words(abstractText == null ? "" : abstractText) + " ";
        Map<String, Double> scores = new HashMap<>();
        for (Phrase phrase : phrases) {
            double score = TITLE_WEIGHT * phrase.weight * (contains(titleWords, phrase.words) ? 1 : 0)
                    + phrase.weight * (contains(abstractWords, phrase.words) ? 1 : 0);
            if (score > 0) {
                scores.merge(phrase.tag, score, Double::sum);
                int slash = phrase.tag.indexOf('/');
                if (slash > 0) {
                    scores.merge(phrase.tag.substring(0, slash), score, Double::sum);
                }
            }
        }
        return scores.entrySet().stream().filter(e -> e.getValue() >= MIN_SCORE)
                .map(e -> new ScoredTag(e.getKey(), Math.round(e.getValue() * 100) / 100.0))
                .sorted(Comparator.comparingDouble(ScoredTag::score).reversed().thenComparing(ScoredTag::name))
                .toList();
    }

    /** Whole-word match of a phrase, also with a plural 's' or 'es' on its last word. */
    private static boolean contains(String text, String phrase) {
        if (text.contains(phrase)) {
            return true;
        }
        String stem = phrase.substring(0, phrase.length() - 1);
        return text.contains(stem + "s ") || text.contains(stem + "es ");
    }

}
