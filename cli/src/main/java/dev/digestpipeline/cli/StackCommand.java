package dev.digestpipeline.cli;

import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The local stack alone: a real Kafka broker, Apicurio Registry and Elasticsearch on loopback. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description =
                "The local stack alone (Kafka, the schema registry, Elasticsearch on loopback). Environment: "
                        + "DIGEST_STACK_DIR (data folder, default .stack/local), DIGEST_KAFKA_PORT (9092), "
                        + "DIGEST_KAFKA_CONTROLLER_PORT (9093), DIGEST_REGISTRY_PORT (8081), DIGEST_REGISTRY_MANAGEMENT_PORT "
                        + "(9001), DIGEST_ES_PORT (9200), DIGEST_ES_TRANSPORT_PORT (9300), DIGEST_SERVER_JAVA_HOME (a JDK 21+).")
final class StackCommand {
    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Starts Kafka, the schema registry and Elasticsearch on loopback, unless they run.")
    int up(
            @Option(names = "--free-ports", description = "use free ports instead of the configured ones")
                    boolean freePorts)
            throws Exception {
        Optional<LocalStack> running = LocalStack.attach(Checkout.stackDir());
        if (running.isPresent()) {
            Checkout.say("already running: " + running.get().describe());
            return 0;
        }
        StackSettings settings = StackSettings.fromEnvironment(System.getenv());
        if (freePorts) {
            settings = settings.withFreePorts(settings.dataDir());
        }
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.startMissing(settings, line -> Checkout.say("stack: " + line));
        Checkout.say(String.format(
                Locale.ROOT, "stack: up in %.1f s: %s", (System.nanoTime() - t0) / 1e9, stack.describe()));
        return 0;
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the stack by PID.")
    int down(@Option(names = "--purge", description = "also delete its data") boolean purge) throws Exception {
        Path dataDir = Checkout.stackDir();
        List<String> stopped = LocalStack.stop(dataDir);
        Checkout.say(stopped.isEmpty() ? "stack: nothing was running" : "stack: stopped " + String.join(", ", stopped));
        if (purge) {
            LocalStack.purge(StackSettings.fromEnvironment(System.getenv()));
            Checkout.say("stack: deleted " + dataDir);
        }
        return 0;
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Says where the stack runs; exit status 3 when it does not.")
    int status() {
        Path dataDir = Checkout.stackDir();
        Optional<LocalStack> running = LocalStack.attach(dataDir);
        Checkout.say(running.map(s -> "running from " + dataDir + ": " + s.describe())
                .orElse("not running (data folder " + dataDir + ")"));
        return running.isPresent() ? 0 : 3;
    }

    @Command(
            name = "env",
            mixinStandardHelpOptions = true,
            description = "Prints the stack's addresses as the apps' DIGEST_* environment assignments.")
    int env() {
        LocalStack stack = Checkout.runningStack();
        AppProcesses.stackSettings(stack).forEach((name, value) -> Checkout.say(name + "=" + value));
        return 0;
    }
}
