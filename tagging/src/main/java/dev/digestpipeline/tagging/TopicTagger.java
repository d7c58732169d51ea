package dev.digestpipeline.tagging;

import dev.digestpipeline.tagging.learned.AreaModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags papers with the taxonomy's areas and topics. One pass over the title's and the abstract's word stems finds
 * every phrase (phrases are indexed by their first stem), so the cost grows with the text, not with the
 * taxonomy. A phrase scores its weight times the title weight when in the title, plus its weight per abstract
 * occurrence up to max-abstract-count. Each tag keeps the phrases that earned it as evidence.
 *
 * <p>With an {@link AreaModel}, the areas the model learned are decided by it (or by it with the phrases, see
 * {@link AreaSource}) when a paper has no categories; areas the model has no truth for (ml) and every topic stay
 * with the phrases. Categories, when a page gives them, still decide first.
 */
public final class TopicTagger {
    /** Score given to an area an arXiv category sets. */
    static final double CATEGORY_SCORE = 10.0;

    /** What decides the areas a learned model knows, for papers without categories. */
    public enum AreaSource {
        /** The taxonomy's phrases alone. */
        TAXONOMY,
        /** The learned model alone. */
        LEARNED,
        /**
         * The model, and the phrases where the model leans the same way: an area the phrases give is kept when the
         * model's probability reaches half its threshold.
         */
        COMBINED
    }

    private final Taxonomy taxonomy;
    private final AreaModel model;
    private final AreaSource areaSource;
    /** By tag index: whether the model, not the phrases, decides the area for papers without categories. */
    private final boolean[] learnedTag;
    /** By the model's area index: the area's tag index in the taxonomy. */
    private final int[] tagOfModelArea;

    private final Map<String, List<CompiledPhrase>> byFirstStem = new HashMap<>();
    private int phraseCount;

    /** A tag on a paper with its score and the evidence for it. */
    public record ScoredTag(String name, double score, List<String> evidence) {
        public ScoredTag {
            evidence = List.copyOf(evidence);
        }
    }

    @SuppressWarnings("ArrayRecordComponent") // private, never compared or hashed
    private record CompiledPhrase(int id, String[] stems, int tag, double weight, String label) {}

    public TopicTagger(Taxonomy taxonomy) {
        this(taxonomy, null, AreaSource.TAXONOMY);
    }

    /** A tagger whose areas come from {@code source}; {@code model} may be null only for TAXONOMY. */
    public TopicTagger(Taxonomy taxonomy, AreaModel model, AreaSource source) {
        if (model == null && source != AreaSource.TAXONOMY) {
            throw new IllegalArgumentException(source + " areas need a learned model");
        }
        this.taxonomy = taxonomy;
        this.model = source == AreaSource.TAXONOMY ? null : model;
        this.areaSource = source;
        List<Taxonomy.Tag> tags = taxonomy.tags();
        this.learnedTag = new boolean[tags.size()];
        List<String> modelAreas = this.model == null ? List.of() : this.model.areas();
        this.tagOfModelArea = new int[modelAreas.size()];
        for (int a = 0; a < modelAreas.size(); a++) {
            tagOfModelArea[a] = indexOf(tags, modelAreas.get(a));
            learnedTag[tagOfModelArea[a]] = true;
        }
        for (int t = 0; t < tags.size(); t++) {
            for (Taxonomy.Phrase phrase : tags.get(t).phrases()) {
                add(WordStems.of(phrase.text()), t, phrase);
                if (phrase.text().indexOf('-') > 0) {
                    // "multi-modal" also matches "multimodal"
                    add(WordStems.of(phrase.text().replace("-", "")), t, phrase);
                }
            }
        }
    }

    /** The built-in taxonomy and learned model, combined. */
    public static TopicTagger bundled() {
        return new TopicTagger(Taxonomy.bundled(), AreaModel.bundled(), AreaSource.COMBINED);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public AreaSource areaSource() {
        return areaSource;
    }

    private void add(List<String> stems, int tag, Taxonomy.Phrase phrase) {
        if (stems.isEmpty()) {
            return;
        }
        String[] words = stems.toArray(String[]::new);
        List<CompiledPhrase> same = byFirstStem.computeIfAbsent(stems.get(0), k -> new ArrayList<>());
        for (CompiledPhrase p : same) {
            if (p.tag == tag && java.util.Arrays.equals(p.stems, words)) {
                // "image" and "images" are one phrase once stemmed; the first one written counts
                return;
            }
        }
        same.add(new CompiledPhrase(phraseCount++, words, tag, phrase.weight(), phrase.text()));
    }

    /** Tags from the text alone. */
    public List<ScoredTag> tag(String title, String abstractText) {
        return tag(title, abstractText, List.of());
    }

    /**
     * Tags of a paper, highest score first. When its arXiv categories map to areas, they decide every area that
     * has categories in the taxonomy; otherwise the text decides. Topics always come from the text.
     */
    public List<ScoredTag> tag(String title, String abstractText, List<String> categories) {
        List<Taxonomy.Tag> tags = taxonomy.tags();
        List<String> titleStems = WordStems.of(title);
        List<String> abstractStems = WordStems.of(abstractText);
        Scores text = score(titleStems, abstractStems);
        // the areas the categories mean, each with the categories that mean it
        Map<String, List<String>> categoryAreas = new LinkedHashMap<>();
        for (String category : categories) {
            String area = taxonomy.areaOfCategory(category);
            if (area != null) {
                categoryAreas.computeIfAbsent(area, a -> new ArrayList<>()).add("category:" + category);
            }
        }
        List<AreaModel.AreaScore> learned =
                model == null || !categoryAreas.isEmpty() ? List.of() : model.scores(titleStems, abstractStems);
        double topArea = 0;
        for (int t = 0; t < tags.size(); t++) {
            if (tags.get(t).isArea() && text.scores[t] >= tags.get(t).minScore()) {
                topArea = Math.max(topArea, text.scores[t]);
            }
        }
        List<ScoredTag> result = new ArrayList<>();
        for (int t = 0; t < tags.size(); t++) {
            Taxonomy.Tag tag = tags.get(t);
            if (text.scores[t] < tag.minScore() || learnedTag[t]) {
                continue;
            }
            if (tag.isArea() && text.scores[t] < taxonomy.minShareOfTop() * topArea) {
                // a side mention next to a paper's main area is not an area of the paper
                continue;
            }
            if (tag.isArea() && !categoryAreas.isEmpty() && !tag.categories().isEmpty()) {
                // categories decide the areas they can name; areas no category names stay with the text
                continue;
            }
            result.add(text.tag(tags, t));
        }
        categoryAreas.forEach((area, because) -> result.add(new ScoredTag(area, CATEGORY_SCORE, because)));
        for (int a = 0; a < learned.size(); a++) {
            AreaModel.AreaScore area = learned.get(a);
            ScoredTag phrases = phraseArea(text, tagOfModelArea[a], topArea);
            boolean byPhrases = areaSource == AreaSource.COMBINED
                    && phrases != null
                    && area.probability() >= model.threshold(area.area()) / 2;
            if (area.tagged() || byPhrases) {
                List<String> evidence = new ArrayList<>(area.tagged() ? area.evidence() : List.of());
                if (phrases != null && areaSource == AreaSource.COMBINED) {
                    evidence.addAll(phrases.evidence());
                }
                result.add(learnedTag(area, evidence));
            }
        }
        result.sort(Comparator.comparingDouble(ScoredTag::score).reversed().thenComparing(ScoredTag::name));
        return inWords(result, title, titleStems, abstractText, abstractStems);
    }

    /**
     * The model's evidence in the paper's own words: the model knows stems ("model:languag model"), a reader
     * words ("model:language models"), each the first word of the title, else of the abstract, with that stem.
     */
    private static List<ScoredTag> inWords(
            List<ScoredTag> tags,
            String title,
            List<String> titleStems,
            String abstractText,
            List<String> abstractStems) {
        Set<String> stems = new LinkedHashSet<>();
        for (ScoredTag tag : tags) {
            for (String evidence : tag.evidence()) {
                if (evidence.startsWith(AreaModel.EVIDENCE_PREFIX)) {
                    stems.addAll(termStems(evidence));
                }
            }
        }
        if (stems.isEmpty()) {
            return tags;
        }
        Map<String, String> words = wordsOf(title, titleStems, stems);
        stems.removeAll(words.keySet());
        words.putAll(wordsOf(abstractText, abstractStems, stems));
        List<ScoredTag> readable = new ArrayList<>(tags.size());
        for (ScoredTag tag : tags) {
            if (tag.evidence().stream().noneMatch(e -> e.startsWith(AreaModel.EVIDENCE_PREFIX))) {
                readable.add(tag);
                continue;
            }
            List<String> evidence = new ArrayList<>(tag.evidence().size());
            for (String e : tag.evidence()) {
                if (!e.startsWith(AreaModel.EVIDENCE_PREFIX)) {
                    evidence.add(e);
                    continue;
                }
                StringBuilder inWords = new StringBuilder(AreaModel.EVIDENCE_PREFIX);
                for (String stem : termStems(e)) {
                    if (inWords.length() > AreaModel.EVIDENCE_PREFIX.length()) {
                        inWords.append(' ');
                    }
                    inWords.append(words.getOrDefault(stem, stem));
                }
                evidence.add(inWords.toString());
            }
            readable.add(new ScoredTag(tag.name(), tag.score(), evidence));
        }
        return readable;
    }

    /** Stem to the text's first word with that stem, for the stems the text has. */
    private static Map<String, String> wordsOf(String text, List<String> textStems, Collection<String> stems) {
        int[] positions = stems.stream()
                .mapToInt(textStems::indexOf)
                .filter(i -> i >= 0)
                .sorted()
                .toArray();
        String[] words = WordStems.wordsAt(text, positions);
        Map<String, String> byStem = new HashMap<>();
        for (int i = 0; i < positions.length; i++) {
            byStem.put(textStems.get(positions[i]), words[i]);
        }
        return byStem;
    }

    /** The stems of a model term in a tag's evidence: one, or two around a space. */
    private static List<String> termStems(String evidence) {
        String term = evidence.substring(AreaModel.EVIDENCE_PREFIX.length());
        int space = term.indexOf(' ');
        return space < 0 ? List.of(term) : List.of(term.substring(0, space), term.substring(space + 1));
    }

    /** A learned area's tag: the model's probability scaled as a category's score, with the evidence given. */
    private static ScoredTag learnedTag(AreaModel.AreaScore area, List<String> evidence) {
        return new ScoredTag(area.area(), Math.round(area.probability() * CATEGORY_SCORE * 100) / 100.0, evidence);
    }

    /** The area of tag index {@code t} as the phrases alone would give it, or null when they do not. */
    private ScoredTag phraseArea(Scores text, int t, double topArea) {
        List<Taxonomy.Tag> tags = taxonomy.tags();
        double score = text.scores[t];
        boolean given = score >= tags.get(t).minScore() && score >= taxonomy.minShareOfTop() * topArea;
        return given ? text.tag(tags, t) : null;
    }

    /** The text score and evidence of every tag of the taxonomy, in taxonomy order, thresholds not applied. */
    public List<ScoredTag> scores(String title, String abstractText) {
        List<Taxonomy.Tag> tags = taxonomy.tags();
        List<String> titleStems = WordStems.of(title);
        List<String> abstractStems = WordStems.of(abstractText);
        Scores text = score(titleStems, abstractStems);
        List<ScoredTag> all = new ArrayList<>(tags.size());
        for (int t = 0; t < tags.size(); t++) {
            all.add(text.tag(tags, t));
        }
        if (model != null) {
            // a learned area shows the model's probability, scaled as a category's score, beside the phrases
            List<AreaModel.AreaScore> learned = model.scores(titleStems, abstractStems);
            for (int a = 0; a < learned.size(); a++) {
                int at = tagOfModelArea[a];
                List<String> evidence = new ArrayList<>(learned.get(a).evidence());
                evidence.addAll(all.get(at).evidence());
                all.set(at, learnedTag(learned.get(a), evidence));
            }
        }
        return inWords(all, title, titleStems, abstractText, abstractStems);
    }

    private static int indexOf(List<Taxonomy.Tag> tags, String name) {
        for (int t = 0; t < tags.size(); t++) {
            if (tags.get(t).name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no tag " + name);
    }

    /** Raw scores and evidence per tag index. */
    @SuppressWarnings("ArrayRecordComponent") // private, never compared or hashed
    private record Scores(double[] scores, Set<String>[] evidence) {
        ScoredTag tag(List<Taxonomy.Tag> tags, int t) {
            return new ScoredTag(
                    tags.get(t).name(),
                    Math.round(scores[t] * 100) / 100.0,
                    evidence[t] == null ? List.of() : List.copyOf(evidence[t]));
        }
    }

    private Scores score(List<String> titleStems, List<String> abstractStems) {
        int tagCount = taxonomy.tags().size();
        double[] scores = new double[tagCount];
        @SuppressWarnings("unchecked")
        Set<String>[] evidence = new Set[tagCount];
        for (CompiledPhrase p : matches(titleStems)) {
            if (addEvidence(evidence, p)) {
                scores[p.tag] += p.weight * taxonomy.titleWeight();
            }
        }
        int[] abstractCounts = new int[phraseCount];
        for (CompiledPhrase p : matches(abstractStems)) {
            if (++abstractCounts[p.id] <= taxonomy.maxAbstractCount()) {
                scores[p.tag] += p.weight;
                addEvidence(evidence, p);
            }
        }
        return new Scores(scores, evidence);
    }

    /** Adds the phrase to its tag's evidence; false when it was already there (counted once per title). */
    private static boolean addEvidence(Set<String>[] evidence, CompiledPhrase p) {
        if (evidence[p.tag] == null) {
            evidence[p.tag] = new LinkedHashSet<>();
        }
        return evidence[p.tag].add(p.label);
    }

    /** Every phrase occurrence in the stems, in text order. */
    private List<CompiledPhrase> matches(List<String> stems) {
        List<CompiledPhrase> found = new ArrayList<>();
        int n = stems.size();
        for (int i = 0; i < n; i++) {
            List<CompiledPhrase> candidates = byFirstStem.get(stems.get(i));
            if (candidates == null) {
                continue;
            }
            for (CompiledPhrase p : candidates) {
                if (i + p.stems.length <= n && matchesAt(stems, i, p.stems)) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(List<String> stems, int at, String[] phrase) {
        for (int k = 1; k < phrase.length; k++) {
            if (!stems.get(at + k).equals(phrase[k])) {
                return false;
            }
        }
        return true;
    }
}
