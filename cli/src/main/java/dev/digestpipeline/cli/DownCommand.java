package dev.digestpipeline.cli;

import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stops everything the launcher started, by PID. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the apps and the stack by PID.")
final class DownCommand implements Callable<Integer> {
    @Option(names = "--purge", description = "also delete their data")
    boolean purge;

    @Override
    public Integer call() throws Exception {
        Path stackDir = Checkout.stackDir();
        List<String> stopped = new AppProcesses(Checkout.home(), stackDir).stopAll();
        stopped.addAll(LocalStack.stop(stackDir));
        Checkout.say(stopped.isEmpty() ? "nothing was running" : "stopped " + String.join(", ", stopped));
        if (purge) {
            LocalStack.purge(StackSettings.fromEnvironment(System.getenv()));
            Checkout.say("deleted " + stackDir);
        }
        return 0;
    }
}
