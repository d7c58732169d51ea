package dev.digestpipeline.cli;

import dev.digestpipeline.stack.LocalStack;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** What runs where. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Says what runs where: the stack's addresses, the apps' PIDs and logs. Exit status 3 when the "
                + "stack is not running.")
final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Path stackDir = Checkout.stackDir();
        Optional<LocalStack> stack = LocalStack.attach(stackDir);
        Checkout.say(stack.map(s -> "stack: " + s.describe()).orElse("stack: not running (" + stackDir + ")"));
        new AppProcesses(Checkout.home(), stackDir).describe().forEach(Checkout::say);
        return stack.isPresent() ? 0 : 3;
    }
}
