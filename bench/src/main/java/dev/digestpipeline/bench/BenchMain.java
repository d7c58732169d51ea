package dev.digestpipeline.bench;

import dev.digestpipeline.bench.pipeline.PipelineBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The bench jar's main ({@code ./digest bench} runs it in a JVM of its own, as JMH wants): {@code pipeline} is the
 * whole pipeline on the local stack; anything else goes to JMH as it is.
 */
@Command(
        name = "bench",
        description = "The benchmarks: JMH's (EnrichBenchmark, PageSizeBenchmark; '-h' lists JMH's options) and the"
                + " pipeline's.",
        subcommands = PipelineBenchCommand.class)
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("pipeline")) {
            // the benchmark talks to the user; the clients it uses warn only (a -D on the command line still wins)
            System.setProperty(
                    "org.slf4j.simpleLogger.defaultLogLevel",
                    System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
            System.setProperty(
                    "org.slf4j.simpleLogger.log.org.apache.kafka",
                    System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
            System.exit(commandLine().execute(args));
        }
        org.openjdk.jmh.Main.main(args);
    }

    /** The benchmark commands picocli runs, whose table docs/performance.md shows. */
    public static CommandLine commandLine() {
        return new CommandLine(new BenchMain());
    }
}
