package dev.digestpipeline.launch;

import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the commands find the checkout, its stack and its built jars; and how they print. */
public final class Checkout {
    private Checkout() {}

    public static Path home() {
        return StackSettings.home(System.getenv());
    }

    public static Path stackDir() {
        return StackSettings.dataDir(System.getenv());
    }

    /** The stack the commands work with; an error said in one line when it does not run. */
    public static LocalStack runningStack() {
        Path dir = stackDir();
        return LocalStack.attach(dir)
                .orElseThrow(() -> new IllegalStateException("no local stack runs from " + dir
                        + ": start the pipeline with './digest up' (or the stack alone with './digest stack up')"));
    }

    /** The runnable jar a module builds ({@code target/MODULE-VERSION-app.jar}). */
    public static Path appJar(String module) throws IOException {
        Path target = home().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-app.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no " + module + " app jar in " + target + ": build first"));
        } catch (NoSuchFileException e) {
            throw new IOException("no " + target + ": build the project first", e);
        }
    }

    /** Runs a command in the checkout with this terminal, and gives its exit status. */
    public static int run(java.util.List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command)
                .directory(home().toFile())
                .inheritIO()
                .start()
                .waitFor();
    }

    public static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
