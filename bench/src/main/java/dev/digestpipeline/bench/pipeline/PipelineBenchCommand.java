package dev.digestpipeline.bench.pipeline;

import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.launch.StackInUse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./digest bench pipeline}: its options, and the run of {@link PipelineBenchmark} they ask for. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "On the local stack (the running one, or one started for the run): end to end through a "
                + "freshly started enrich and sink (cold), parse only, raw _bulk with 1 to 8 or more concurrent "
                + "clients, producer, enrich alone, sink alone and end to end (warm) for the same generated arXiv "
                + "Atom pages of distinct papers, each in papers/s, and the ratios between them.")
public final class PipelineBenchCommand implements Callable<Integer> {
    @Option(
            names = "--papers",
            paramLabel = "N",
            defaultValue = "20000",
            description = "distinct papers (default 20000)")
    int papers;

    @Option(names = "--per-page", paramLabel = "N", defaultValue = "100", description = "papers per page (default 100)")
    int perPage;

    @Option(
            names = "--warm-up",
            paramLabel = "N",
            defaultValue = "20000",
            description = "other papers run through the parse and through enrich before either is measured; enrich"
                    + " gets as many new ones again, up to " + PipelineBenchmark.WARM_UP_ROUNDS + " rounds, until"
                    + " its JIT compiler takes at most " + PipelineBenchmark.SETTLED_JIT_PERCENT
                    + " % of its CPU time (default 20000)")
    int warmUp;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "500",
            description = "papers/s of new pages in the latency run (default 500)")
    int rate;

    @Option(
            names = "--latency-seconds",
            paramLabel = "S",
            defaultValue = "30",
            description = "length of the latency run (default 30)")
    int latencySeconds;

    @Option(
            names = "--profile",
            description =
                    "run enrich under Java Flight Recorder and print where its CPU went while the measured papers went through")
    boolean profile;

    @Option(
            names = "--mixed-topics",
            description = "papers on every subject at once (about seven tags each), the worst case for the by-tag"
                    + " and area topics' fan-out; by default each paper is on one subject, sometimes two, as real"
                    + " ones (two or three tags)")
    boolean mixedTopics;

    @Override
    public Integer call() throws Exception {
        try (StackInUse inUse = StackInUse.attachOrStart()) {
            PipelineBenchmark benchmark = new PipelineBenchmark(
                    inUse.stack(),
                    Checkout.stackDir().resolve("bench"),
                    new PipelineBenchmark.Plan(
                            papers,
                            perPage,
                            warmUp,
                            rate,
                            Duration.ofSeconds(latencySeconds),
                            profile,
                            mixedTopics ? PageGenerator.Topics.MIXED : PageGenerator.Topics.FOCUSED),
                    Checkout::say);
            BenchmarkReport.Result result = benchmark.run();
            Checkout.say("");
            BenchmarkReport.report(result).forEach(Checkout::say);
            if (profile) {
                Checkout.say("");
                Checkout.say("enrich alone, profiled (" + benchmark.recording() + "):");
                HotFrames.report(
                                benchmark.recording(),
                                15,
                                benchmark.enrichAlone().from(),
                                benchmark.enrichAlone().to())
                        .forEach(Checkout::say);
            }
        }
        return 0;
    }
}
