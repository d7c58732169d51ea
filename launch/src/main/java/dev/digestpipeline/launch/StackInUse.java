package dev.digestpipeline.launch;

import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkout's stack for one command: the running one, or one started for the command and stopped when it
 * ends, unless kept. What ran before the command keeps running.
 */
public final class StackInUse implements AutoCloseable {
    private final LocalStack stack;
    private final Path dir;
    private final boolean startedHere;
    private boolean keep;

    private StackInUse(LocalStack stack, Path dir, boolean startedHere) {
        this.stack = stack;
        this.dir = dir;
        this.startedHere = startedHere;
    }

    public static StackInUse attachOrStart() throws Exception {
        Path dir = Checkout.stackDir();
        Optional<LocalStack> running = LocalStack.attach(dir);
        if (running.isPresent()) {
            Checkout.say("using the running stack: " + running.get().describe());
            return new StackInUse(running.get(), dir, false);
        }
        Checkout.say("starting the local stack in " + dir + " (what of it is not running)");
        boolean nothingRan = LocalStack.nothingRuns(dir);
        LocalStack started = LocalStack.startMissing(
                StackSettings.fromEnvironment(System.getenv()), line -> Checkout.say("  " + line));
        // a stack that partly ran (a server brought back) was not started here: it is left running
        return new StackInUse(started, dir, nothingRan);
    }

    public LocalStack stack() {
        return stack;
    }

    /** Leaves a stack started here running when the command ends. */
    public void keep() {
        keep = true;
    }

    @Override
    public void close() {
        if (startedHere && !keep) {
            LocalStack.stop(dir);
        }
    }
}
