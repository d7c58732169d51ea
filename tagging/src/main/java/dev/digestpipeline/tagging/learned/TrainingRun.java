package dev.digestpipeline.tagging.learned;

import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation.Labelled;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./digest train} as a run: reads the labelled papers, splits them by month, trains and calibrates
 * ({@link AreaModelTrainer}), writes the model, and prints the calibration and the held-out evaluation (with the
 * ceiling when asked).
 */
public final class TrainingRun {
    private TrainingRun() {}

    /**
     * {@code ./digest train}: learns from {@code data} (JSONL, gzipped when named .gz), leaving out the papers of
     * {@code exclude} (may be null), writes the model to {@code model}, and prints the calibration and the
     * evaluation on the held-out months side by side with the taxonomy's; with {@code ceiling}, also the
     * {@link AreaModelTrainer#ceiling} beside the written model on the same papers.
     */
    public static AreaModel run(
            Path data, Path exclude, Path model, AreaModelTrainer.Settings settings, boolean ceiling, PrintStream out)
            throws IOException {
        long started = System.nanoTime();
        String hash = sha256(data);
        List<Labelled> papers = TaggerEvaluation.read(data);
        List<String> excludedIds = exclude == null
                ? List.of()
                : TaggerEvaluation.read(exclude).stream().map(Labelled::id).toList();
        Taxonomy taxonomy = Taxonomy.bundled();
        AreaModelTrainer trainer = new AreaModelTrainer(taxonomy, settings, line -> out.println("  " + line));
        AreaModelTrainer.Split split = trainer.split(papers, excludedIds);
        out.printf(
                Locale.ROOT,
                "%d papers from %s (sha256 %s): training %d, calibration %d (months %s), test %d (months %s), %d"
                        + " left out as in %s%n",
                papers.size(),
                data.getFileName(),
                hash.substring(0, 16),
                split.train().size(),
                split.validation().size(),
                String.join(" ", split.validationMonths()),
                split.test().size(),
                String.join(" ", split.testMonths()),
                split.excluded(),
                exclude == null ? "nothing" : exclude.getFileName());
        String description = String.format(
                Locale.ROOT,
                "trained on %d papers of %s (sha256 %s), calibrated on months %s, tested on months %s; %d terms,"
                        + " C %s, seed %d",
                split.train().size(),
                data.getFileName(),
                hash,
                String.join(" ", split.validationMonths()),
                String.join(" ", split.testMonths()),
                settings.maxTerms(),
                settings.cost(),
                settings.seed());
        AreaModelTrainer.Trained trained = trainer.train(split, description);
        AreaModel result = trained.model();
        out.println("calibrated thresholds (best F1 on the calibration months):");
        for (String area : result.areas()) {
            out.printf(
                    Locale.ROOT,
                    "  %-16s threshold %.2f  F1 %.3f%n",
                    area,
                    result.threshold(area),
                    trained.validationF1().get(area));
        }
        Path parent = model.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream target = Files.newOutputStream(model)) {
            result.write(target);
        }
        out.printf(
                Locale.ROOT,
                "wrote %s (%d terms, %d bytes) in %.1f s%n",
                model,
                result.vocabularySize(),
                Files.size(model),
                seconds(started));
        if (!split.test().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "held-out months %s, %d papers:%n",
                    String.join(" ", split.testMonths()),
                    split.test().size());
            TaggerEvaluation.print(TaggerEvaluation.sideBySide(taxonomy, result, split.test()), out);
        }
        if (ceiling && !split.test().isEmpty()) {
            AreaModelTrainer.Ceiling best = trainer.ceiling(split);
            out.printf(
                    Locale.ROOT,
                    "ceiling: %d papers, a seeded part of months %s; 'held out' is the model written, 'same months' one"
                            + " that learned from every other paper, those months' too, each area at its best"
                            + " threshold on these papers:%n",
                    best.papers().size(),
                    String.join(" ", split.testMonths()));
            Map<String, Report> reports = new LinkedHashMap<>();
            reports.put(
                    "held out",
                    TaggerEvaluation.evaluate(
                            new TopicTagger(taxonomy, result, TopicTagger.AreaSource.LEARNED), best.papers()));
            reports.put("same months", best.report());
            TaggerEvaluation.print(reports, out);
        }
        return result;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
