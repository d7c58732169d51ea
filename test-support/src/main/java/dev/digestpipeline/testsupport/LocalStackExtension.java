package dev.digestpipeline.testsupport;

import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real local stack for tests that need servers: a test class says {@code @ExtendWith(LocalStackExtension.class)}
 * and takes a {@link LocalStack} parameter. The first test that asks starts one on free ports (in
 * {@code .stack/test-*} of the checkout); every later one in the same JVM gets the same stack; it is stopped by PID
 * and its folder deleted when the test plan ends, whatever the tests did, and on a JVM shutdown before that.
 * With {@code DIGEST_TEST_STACK_DIR} naming a running stack, tests use it and leave it running.
 */
public final class LocalStackExtension implements ParameterResolver {
    /** A running stack for the tests to use instead of one of their own. */
    public static final String TEST_STACK_VARIABLE = "DIGEST_TEST_STACK_DIR";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    /** The stack of this test JVM, started on first use. */
    public static LocalStack stack(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestStack.class, k -> TestStack.startOrAttach(System.getenv()), TestStack.class)
                .stack;
    }

    /** The stack and whether this JVM started it (and so stops it). Closed by JUnit when the root context closes. */
    static final class TestStack implements AutoCloseable {
        private final LocalStack stack;
        private final StackSettings startedWith;
        private final AtomicBoolean closed = new AtomicBoolean();

        private TestStack(LocalStack stack, StackSettings startedWith) {
            this.stack = stack;
            this.startedWith = startedWith;
        }

        static TestStack startOrAttach(Map<String, String> env) {
            String dir = env.get(TEST_STACK_VARIABLE);
            if (dir != null && !dir.isBlank()) {
                return new TestStack(
                        LocalStack.attach(Path.of(dir))
                                .orElseThrow(() -> new IllegalStateException(
                                        "DIGEST_TEST_STACK_DIR=" + dir + " names no running stack")),
                        null);
            }
            try {
                Path stacks = Files.createDirectories(StackSettings.home(env).resolve(".stack"));
                StackSettings settings =
                        StackSettings.fromEnvironment(env).withFreePorts(Files.createTempDirectory(stacks, "test-"));
                TestStack started = new TestStack(
                        LocalStack.start(settings, line -> System.err.println("[stack] " + line)), settings);
                // a JVM stopped before the test plan ends (Ctrl-C, SIGTERM) still stops its servers
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-stack"));
                return started;
            } catch (IOException e) {
                throw new IllegalStateException("could not start the local stack: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the local stack", e);
            }
        }

        @Override
        public void close() {
            if (startedWith == null || !closed.compareAndSet(false, true)) {
                return;
            }
            stack.close();
            try {
                LocalStack.purge(startedWith);
            } catch (IOException | InterruptedException e) {
                System.err.println("[stack] could not delete " + startedWith.dataDir() + ": " + e);
            }
        }
    }
}
