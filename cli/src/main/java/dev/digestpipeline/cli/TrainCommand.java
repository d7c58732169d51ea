package dev.digestpipeline.cli;

import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.tagging.learned.AreaModel;
import dev.digestpipeline.tagging.learned.AreaModelTrainer.Settings;
import dev.digestpipeline.tagging.learned.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains the learned area tagger the build packages. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains the area model on labelled arXiv papers (their categories are the truth): the newest"
                + " months are held out for the test, the month before them calibrates each area's threshold."
                + " Same data, same settings, same model. Prints the calibration and the held-out evaluation, and"
                + " writes the model the next build packages.")
final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "labelled papers, JSONL or JSONL.gz (default: the corpus's arxiv-train-102k.jsonl.gz)")
    Path data;

    @Option(
            names = "--exclude",
            paramLabel = "FILE",
            description = "papers never to learn from, so they can be evaluated on (default: the corpus's"
                    + " arxiv-labelled-210.jsonl, when present)")
    Path exclude;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "where to write the model (default: the bundled model in the tagging module's resources)")
    Path out;

    @Option(
            names = "--test-months",
            paramLabel = "N",
            defaultValue = "" + Settings.TEST_MONTHS,
            description = "newest months held out for the test (default: ${DEFAULT-VALUE})")
    int testMonths;

    @Option(
            names = "--calibration-months",
            paramLabel = "N",
            defaultValue = "" + Settings.VALIDATION_MONTHS,
            description = "months before the test that calibrate the thresholds (default: ${DEFAULT-VALUE})")
    int calibrationMonths;

    @Option(
            names = "--terms",
            paramLabel = "N",
            defaultValue = "" + Settings.MAX_TERMS,
            description = "most terms kept, the most frequent first (default: ${DEFAULT-VALUE})")
    int terms;

    @Option(
            names = "--min-papers",
            paramLabel = "N",
            defaultValue = "" + Settings.MIN_DOCUMENTS,
            description = "papers a term must be seen in (default: ${DEFAULT-VALUE})")
    int minPapers;

    @Option(
            names = "--cost",
            paramLabel = "C",
            defaultValue = "" + Settings.COST,
            description = "liblinear's C: higher fits the training papers closer (default: ${DEFAULT-VALUE})")
    double cost;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + Settings.SEED,
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--ceiling",
            description = "also train a model on every paper but a fifth of the test months and score that fifth at"
                    + " each area's best threshold, beside the written model on the same papers: how far the"
                    + " months' drift and how far the categories' truth keep the scores down (about a minute more)")
    boolean ceiling;

    @Override
    public Integer call() throws Exception {
        Path corpus = EvaluateCommand.corpus();
        Path labelled = data != null ? data : corpus.resolve("labelled/arxiv-train-102k.jsonl.gz");
        if (!Files.isRegularFile(labelled)) {
            System.err.println("no labelled papers at " + labelled + ": pass --data FILE or set DIGEST_CORPUS");
            return 2;
        }
        Path never = exclude != null ? exclude : corpus.resolve("labelled/arxiv-labelled-210.jsonl");
        Path target = out != null ? out : bundledModel();
        TrainingRun.run(
                labelled,
                Files.isRegularFile(never) ? never : null,
                target,
                new Settings(testMonths, calibrationMonths, minPapers, terms, cost, seed),
                ceiling,
                System.out);
        return 0;
    }

    /** The model file in the checkout that the tagging module's jar packages. */
    static Path bundledModel() {
        return Checkout.home()
                .resolve("tagging/src/main/resources/"
                        + AreaModel.class.getPackageName().replace('.', '/'))
                .resolve(AreaModel.BUNDLED);
    }
}
