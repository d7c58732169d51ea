package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.Ports;
import dev.digestpipeline.stack.StackPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./digest} as an operator runs it: the launcher's jar in a process of its own, with a test's environment. */
final class DigestCommand {
    private final Map<String, String> env;
    private final Path outputs;

    DigestCommand(Map<String, String> env, Path outputs) {
        this.env = env;
        this.outputs = outputs;
    }

    /** This process's environment with the checkout, a stack folder of the test's, and free ports for its stack. */
    static Map<String, String> stackOnFreePorts(Path home, Path stackDir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DIGEST_HOME", home.toString());
        env.put("DIGEST_STACK_DIR", stackDir.toString());
        StackPort[] stackPorts = StackPort.values();
        int[] ports = Ports.freePorts(stackPorts.length);
        for (int i = 0; i < stackPorts.length; i++) {
            env.put(stackPorts[i].variable(), Integer.toString(ports[i]));
        }
        return env;
    }

    /** Runs the command, which must end with status 0 within 5 minutes; returns what it printed. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(AppProcesses.command(Checkout.appJar("cli")));
        command.addAll(List.of(args));
        Path log = outputs.resolve(args[0] + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "digest " + args[0] + " timed out");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), "digest " + String.join(" ", args) + ":\n" + output);
        return output;
    }
}
