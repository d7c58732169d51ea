package dev.digestpipeline.cli;

import dev.digestpipeline.launch.Checkout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Every test: Maven's verify, whose integration tests start the real stack they need (LocalStackExtension). */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Runs every test, unit and integration, against real servers (mvn verify; "
                + "the integration tests start a stack on free ports and stop it by PID).")
final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MAVEN-OPTION", arity = "0..*", description = "passed to Maven, e.g. -Dit.test=PipelineIT")
    List<String> maven = List.of();

    @Option(
            names = "--faults",
            paramLabel = "PLAN",
            description = "only the fault suite (FaultSuiteIT), with its plan: ci (what every run does) or long "
                    + "(more kills, Elasticsearch down longer than max.poll.interval.ms; about 20 min)")
    String faults;

    @Override
    public Integer call() throws Exception {
        List<String> command = new ArrayList<>(
                List.of("mvn", "-B", "-Dstyle.color=never", "-Ddigest.corpus=" + EvaluateCommand.corpus(), "verify"));
        if (faults != null) {
            command.addAll(List.of(
                    "-pl",
                    "cli",
                    "-am",
                    "-Ddigest.faults=" + faults,
                    "-Dit.test=FaultSuiteIT",
                    "-Dtest=none",
                    "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Dit.failIfNoSpecifiedTests=false"));
        }
        command.addAll(maven);
        return Checkout.run(command);
    }
}
