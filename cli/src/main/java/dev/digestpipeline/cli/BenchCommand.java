package dev.digestpipeline.cli;

import dev.digestpipeline.launch.Checkout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The benchmarks, in the bench module's jar and a JVM of their own: the command line ships none of them. */
@Command(
        name = "bench",
        description = "The benchmarks, in a JVM of their own: JMH's (papers/s per format, EnrichBenchmark; time per "
                + "page size, PageSizeBenchmark; '-h' lists JMH's options), and 'bench pipeline', the whole pipeline"
                + " on the local stack ('bench pipeline --help'; docs/performance.md).")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ARG", arity = "0..*", description = "JMH's options, or pipeline and its options")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        List<String> command =
                new ArrayList<>(List.of(java(), "-jar", Checkout.appJar("bench").toString()));
        command.addAll(args);
        return Checkout.run(command);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
