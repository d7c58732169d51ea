package dev.digestpipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real stack for integration tests. When the test run started one (./digest test sets DIGEST_STACK_DIR to
 * it), tests attach to it; otherwise the first caller starts one on free ports, stopped by PID when the JVM exits.
 */
public final class SharedStack {
    private static LocalStack instance;

    private SharedStack() {}

    public static synchronized LocalStack get() {
        if (instance != null) {
            return instance;
        }
        Map<String, String> env = System.getenv();
        String dir = env.get("DIGEST_STACK_DIR");
        if (dir != null) {
            instance = LocalStack.attach(Path.of(dir)).orElseThrow(() -> new IllegalStateException(
                    "DIGEST_STACK_DIR=" + dir + " names no running stack"));
            return instance;
        }
        try {
            StackSettings defaults = StackSettings.fromEnvironment(env);
            Path data = Files.createTempDirectory(Files.createDirectories(defaults.home().resolve(".stack")), "test-");
            StackSettings settings = defaults.withFreePorts(data);
            LocalStack stack = LocalStack.start(settings, line -> System.err.println("[stack] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                try {
                    LocalStack.purge(settings);
                } catch (IOException | InterruptedException e) {
                    System.err.println("[stack] could not delete " + data + ": " + e);
                }
            }, "stop-test-stack"));
            instance = stack;
            return stack;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the local stack: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local stack", e);
        }
    }
}
