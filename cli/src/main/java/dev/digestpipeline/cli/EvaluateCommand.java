package dev.digestpipeline.cli;

import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.tagging.evaluation.TaggerEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Tag quality against arXiv categories. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Precision, recall and F1 of the area tags against the areas the papers' arXiv categories map "
                + "to, for the taxonomy, the learned model and the two combined, side by side. JSONL lines (gzipped "
                + "when named .gz): {id, title, abstract, categories[]}; CSV columns: titles, summaries, terms.")
final class EvaluateCommand implements Callable<Integer> {
    /** Where the shared corpus is, when not ../shared/corpus. */
    public static final String CORPUS_VARIABLE = "DIGEST_CORPUS";

    @Parameters(
            paramLabel = "FILE",
            arity = "0..1",
            description = "labelled papers, JSONL or CSV (default: the corpus's arxiv-labelled-210.jsonl)")
    Path file;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "a taxonomy file instead of the built-in one")
    Path taxonomy;

    @Option(names = "--model", paramLabel = "FILE", description = "an area model instead of the built-in one")
    Path model;

    @Option(names = "--errors", paramLabel = "N", description = "list up to N mistakes of the combined tagger")
    int errors;

    @Override
    public Integer call() throws Exception {
        Path labelled = file != null ? file : corpus().resolve("labelled/arxiv-labelled-210.jsonl");
        TaggerEvaluation.run(labelled, taxonomy, model, errors, System.out);
        return 0;
    }

    /** DIGEST_CORPUS, else the shared corpus beside the checkout. */
    static Path corpus() {
        String dir = System.getenv(CORPUS_VARIABLE);
        return dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Checkout.home().resolve("../shared/corpus").normalize();
    }
}
