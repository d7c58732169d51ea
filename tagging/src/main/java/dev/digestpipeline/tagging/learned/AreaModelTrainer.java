package dev.digestpipeline.tagging.learned;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.tagging.WordStems;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation.AreaScore;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation.Labelled;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains an {@link AreaModel} on labelled papers: the areas a paper's arXiv categories map to in the taxonomy are
 * its truth. The newest months are held out for the test, a seeded sample of the rest calibrates each area's
 * threshold (the one with the best F1 there), and liblinear's L2-regularized logistic regression learns on the
 * remainder. The same data, settings and seed give the same model.
 */
public final class AreaModelTrainer {
    private static final Pattern NEW_STYLE_ID = Pattern.compile("^(\\d{4})\\.\\d{4,5}(v\\d+)?$");
    private static final Pattern VERSION = Pattern.compile("v\\d+$");

    /**
     * What to learn from and how: the newest {@code testMonths} months are the test, the {@code validationMonths}
     * before them calibrate the thresholds (the model is judged on later papers than it learned from, as it is
     * used); terms seen in fewer than {@code minDocuments} papers are left out, and at most {@code maxTerms} kept.
     */
    public record Settings(
            int testMonths, int validationMonths, int minDocuments, int maxTerms, double cost, long seed) {
        public static final int TEST_MONTHS = 2;
        public static final int VALIDATION_MONTHS = 1;
        public static final int MIN_DOCUMENTS = 3;
        public static final int MAX_TERMS = 60_000;
        public static final double COST = 4.0;
        public static final long SEED = 42L;

        public static Settings defaults() {
            return new Settings(TEST_MONTHS, VALIDATION_MONTHS, MIN_DOCUMENTS, MAX_TERMS, COST, SEED);
        }
    }

    /** The papers each part of the run uses; {@code testMonths} are the held-out months, "YYMM". */
    public record Split(
            List<Labelled> train,
            List<Labelled> validation,
            List<Labelled> test,
            List<String> testMonths,
            List<String> validationMonths,
            int excluded) {}

    /** A trained model and the validation F1 of each area at its calibrated threshold. */
    public record Trained(AreaModel model, Split split, Map<String, Double> validationF1) {}

    /** The papers {@link #ceiling} scored and what it measured on them. */
    public record Ceiling(List<Labelled> papers, Report report) {}

    /** The ceiling scores one part in this many of the test months, and learns from the rest. */
    static final int CEILING_PARTS = 5;

    private final Taxonomy taxonomy;
    private final Settings settings;
    private final Consumer<String> progress;

    public AreaModelTrainer(Taxonomy taxonomy, Settings settings, Consumer<String> progress) {
        this.taxonomy = taxonomy;
        this.settings = settings;
        this.progress = progress;
    }

    /** The areas a model learns: those the taxonomy maps categories to (the others have no truth to learn). */
    public static List<String> learnableAreas(Taxonomy taxonomy) {
        return taxonomy.areas().stream()
                .filter(a -> !a.categories().isEmpty())
                .map(Taxonomy.Tag::name)
                .toList();
    }

    /** The arXiv id without its version ("2506.01234v2" is "2506.01234"). */
    public static String unversioned(String id) {
        return VERSION.matcher(id).replaceFirst("");
    }

    /**
     * Splits by time: papers of the newest months (by their new-style ids) are the test, those of the months
     * before them the validation, the rest (older ids too) the training. Papers whose id is in {@code exclude} are
     * left out, so that an evaluation on them is on unseen papers.
     */
    public Split split(List<Labelled> papers, Collection<String> exclude) {
        Set<String> excluded = new HashSet<>();
        exclude.forEach(id -> excluded.add(unversioned(id)));
        TreeSet<String> months = new TreeSet<>();
        for (Labelled paper : papers) {
            String month = month(paper.id());
            if (month != null) {
                months.add(month);
            }
        }
        List<String> oldestFirst = new ArrayList<>(months);
        int end = oldestFirst.size();
        int testFrom = Math.max(0, end - settings.testMonths());
        int validationFrom = Math.max(0, testFrom - settings.validationMonths());
        List<String> testMonths = List.copyOf(oldestFirst.subList(testFrom, end));
        List<String> validationMonths = List.copyOf(oldestFirst.subList(validationFrom, testFrom));
        List<Labelled> test = new ArrayList<>();
        List<Labelled> validation = new ArrayList<>();
        List<Labelled> train = new ArrayList<>();
        int excludedCount = 0;
        for (Labelled paper : papers) {
            String month = month(paper.id());
            if (excluded.contains(unversioned(paper.id()))) {
                excludedCount++;
            } else if (month != null && testMonths.contains(month)) {
                test.add(paper);
            } else if (month != null && validationMonths.contains(month)) {
                validation.add(paper);
            } else {
                train.add(paper);
            }
        }
        return new Split(train, validation, test, testMonths, validationMonths, excludedCount);
    }

    /** "YYMM" of a new-style arXiv id, or null. */
    static String month(String id) {
        Matcher m = NEW_STYLE_ID.matcher(id);
        return m.matches() ? m.group(1) : null;
    }

    /** Learns on the split's training papers and calibrates on its validation papers. */
    public Trained train(Split split, String description) {
        List<String> areas = learnableAreas(taxonomy);
        int k = areas.size();
        long started = System.nanoTime();
        List<List<String>[]> stems = new ArrayList<>(split.train().size());
        Map<Long, String> names = new HashMap<>();
        Map<Long, int[]> documents = new HashMap<>();
        for (Labelled paper : split.train()) {
            @SuppressWarnings("unchecked")
            List<String>[] s = new List[] {WordStems.of(paper.title()), WordStems.of(paper.abstractText())};
            stems.add(s);
            Set<Long> seen = new HashSet<>();
            TermFeatures.forEachNamed(s[0], s[1], (key, name, count) -> {
                if (seen.add(key)) {
                    names.putIfAbsent(key, name);
                    documents.computeIfAbsent(key, x -> new int[1])[0]++;
                }
            });
        }
        // the most frequent terms seen in at least minDocuments papers; ties by name, so the order is fixed
        List<Long> vocabulary = documents.entrySet().stream()
                .filter(e -> e.getValue()[0] >= settings.minDocuments())
                .sorted(Comparator.<Map.Entry<Long, int[]>>comparingInt(e -> -e.getValue()[0])
                        .thenComparing(e -> names.get(e.getKey())))
                .limit(settings.maxTerms())
                .map(Map.Entry::getKey)
                .toList();
        // a pair is only looked up when both its words are known (TermFeatures), so keep no pair without them
        Set<String> words = new HashSet<>();
        vocabulary.forEach(key -> words.add(names.get(key)));
        vocabulary = vocabulary.stream()
                .filter(key -> {
                    String name = names.get(key);
                    int space = name.indexOf(' ');
                    return space < 0
                            || (words.contains(name.substring(0, space)) && words.contains(name.substring(space + 1)));
                })
                .toList();
        int n = vocabulary.size();
        String[] terms = new String[n];
        long[] keys = new long[n];
        float[] idf = new float[n];
        int papers = split.train().size();
        for (int c = 0; c < n; c++) {
            keys[c] = vocabulary.get(c);
            terms[c] = names.get(keys[c]);
            idf[c] = (float) (Math.log((papers + 1.0) / (documents.get(keys[c])[0] + 1.0)) + 1);
        }
        progress.accept(String.format(
                Locale.ROOT, "vocabulary: %d terms of %d seen (%.1f s)", n, documents.size(), seconds(started)));
        AreaModel features = new AreaModel("", areas, new double[k], new double[k], terms, keys, idf, new float[n * k]);
        Feature[][] x = new Feature[papers][];
        for (int i = 0; i < papers; i++) {
            AreaModel.Vector v = features.vector(stems.get(i)[0], stems.get(i)[1]);
            Feature[] row = new Feature[v.size() + 1];
            for (int j = 0; j < v.size(); j++) {
                row[j] = new FeatureNode(v.columns()[j] + 1, v.values()[j]);
            }
            // liblinear wants a row's features by ascending index
            Arrays.sort(row, 0, v.size(), Comparator.comparingInt(Feature::getIndex));
            // it learns the intercept as the weight of a last, constant feature that each row must carry
            row[v.size()] = new FeatureNode(n + 1, 1.0);
            x[i] = row;
        }
        stems.clear();
        float[] weights = new float[n * k];
        double[] bias = new double[k];
        boolean[][] trainTruth = truth(split.train(), areas);
        Linear.disableDebugOutput();
        for (int a = 0; a < k; a++) {
            long areaStarted = System.nanoTime();
            Problem problem = new Problem();
            problem.l = papers;
            problem.n = n + 1;
            problem.x = x;
            problem.bias = 1;
            problem.y = new double[papers];
            int positives = 0;
            for (int i = 0; i < papers; i++) {
                boolean positive = trainTruth[i][a];
                problem.y[i] = positive ? 1 : -1;
                positives += positive ? 1 : 0;
            }
            Parameter parameter = new Parameter(SolverType.L2R_LR, settings.cost(), 0.01);
            parameter.setRandom(new Random(settings.seed()));
            Model model = Linear.train(problem, parameter);
            double[] w = model.getFeatureWeights();
            double sign = model.getLabels()[0] == 1 ? 1 : -1;
            for (int c = 0; c < n; c++) {
                weights[c * k + a] = (float) (sign * w[c]);
            }
            bias[a] = sign * w[n];
            progress.accept(String.format(
                    Locale.ROOT,
                    "%-16s %6d of %d papers (%.1f s)",
                    areas.get(a),
                    positives,
                    papers,
                    seconds(areaStarted)));
        }
        AreaModel untuned = new AreaModel(description, areas, bias, new double[k], terms, keys, idf, weights);
        double[] thresholds = new double[k];
        Map<String, Double> validationF1 = new HashMap<>();
        boolean[][] validationTruth = truth(split.validation(), areas);
        List<List<AreaModel.AreaScore>> validationScores = new ArrayList<>();
        for (Labelled paper : split.validation()) {
            validationScores.add(untuned.scores(paper.title(), paper.abstractText()));
        }
        for (int a = 0; a < k; a++) {
            thresholds[a] = bestThreshold(validationScores, validationTruth, a);
            validationF1.put(areas.get(a), f1(validationScores, validationTruth, a, thresholds[a]));
        }
        return new Trained(
                new AreaModel(description, areas, bias, thresholds, terms, keys, idf, weights), split, validationF1);
    }

    /** The threshold with the best F1 of the area on these papers; on a tie, the one nearer 0.5. */
    private static double bestThreshold(List<List<AreaModel.AreaScore>> scores, boolean[][] truth, int area) {
        double bestF1 = -1;
        double best = 0.5;
        for (int step = 5; step <= 95; step++) {
            double threshold = step / 100.0;
            double f1 = f1(scores, truth, area, threshold);
            if (f1 > bestF1 + 1e-12
                    || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))) {
                bestF1 = f1;
                best = threshold;
            }
        }
        return best;
    }

    /** The area's F1 on these papers at the threshold. */
    private static double f1(List<List<AreaModel.AreaScore>> scores, boolean[][] truth, int area, double threshold) {
        int expected = 0;
        int predicted = 0;
        int correct = 0;
        for (int i = 0; i < scores.size(); i++) {
            boolean tagged = scores.get(i).get(area).probability() >= threshold;
            expected += truth[i][area] ? 1 : 0;
            predicted += tagged ? 1 : 0;
            correct += tagged && truth[i][area] ? 1 : 0;
        }
        return new AreaScore("", expected, predicted, correct).f1();
    }

    /**
     * The best a model of this kind reaches on these data when the months' drift is no obstacle: one learns from
     * every paper but a seeded fifth of the test months (the other four fifths included) and is scored on that fifth
     * at each area's best threshold there. Beside the held-out figures of the same papers, the gap is what the drift
     * costs; what the ceiling still misses is what the categories, as truth, leave beyond the text.
     */
    public Ceiling ceiling(Split split) {
        List<Labelled> shuffled = new ArrayList<>(split.test());
        Collections.shuffle(shuffled, new Random(settings.seed()));
        List<Labelled> scored = List.copyOf(shuffled.subList(0, Math.max(1, shuffled.size() / CEILING_PARTS)));
        List<Labelled> learn = new ArrayList<>(split.train());
        learn.addAll(split.validation());
        learn.addAll(shuffled.subList(scored.size(), shuffled.size()));
        AreaModel model = train(new Split(learn, List.of(), scored, split.testMonths(), List.of(), 0), "ceiling")
                .model();
        List<String> areas = model.areas();
        boolean[][] truth = truth(scored, areas);
        List<List<AreaModel.AreaScore>> scores = new ArrayList<>();
        for (Labelled paper : scored) {
            scores.add(model.scores(paper.title(), paper.abstractText()));
        }
        double[] thresholds = new double[areas.size()];
        for (int a = 0; a < areas.size(); a++) {
            thresholds[a] = bestThreshold(scores, truth, a);
        }
        // counted as every tagger is evaluated, the model deciding at the thresholds just found
        TopicTagger best = new TopicTagger(taxonomy, model.withThresholds(thresholds), TopicTagger.AreaSource.LEARNED);
        return new Ceiling(scored, TaggerEvaluation.evaluate(best, scored));
    }

    /** By paper and area: whether the paper's categories map to the area. Read once, used for every area. */
    private boolean[][] truth(List<Labelled> papers, List<String> areas) {
        boolean[][] truth = new boolean[papers.size()][areas.size()];
        for (int i = 0; i < papers.size(); i++) {
            List<String> expected = taxonomy.areasOfCategories(papers.get(i).categories());
            for (int a = 0; a < areas.size(); a++) {
                truth[i][a] = expected.contains(areas.get(a));
            }
        }
        return truth;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
