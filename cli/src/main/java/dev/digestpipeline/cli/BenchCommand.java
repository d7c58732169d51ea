package dev.digestpipeline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The JMH benchmarks of bench/, in a JVM of their own as JMH wants. */
@Command(
        name = "bench",
        description = "The JMH benchmarks of bench/: papers/s per format (EnrichBenchmark), time "
                + "per page size (PageSizeBenchmark). '-h' lists JMH's options.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JMH-OPTION", arity = "0..*", description = "passed to JMH as they are")
    List<String> jmh = List.of();

    @Override
    public Integer call() throws Exception {
        List<String> command =
                new ArrayList<>(List.of(java(), "-jar", Checkout.appJar("bench").toString()));
        command.addAll(jmh);
        return Checkout.run(command);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
