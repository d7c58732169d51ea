package dev.digestpipeline.common.run;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.SettingSet;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every app's main, once: its settings read and checked ({@code --help} prints the usage; a bad setting or operand
 * prints why and the usage, exit status 2), then a job run to its exit status, or a service run until the JVM is
 * asked to stop (SIGTERM, Ctrl-C: the app is closed before the JVM exits). A service that fails to start, or fails
 * by itself later, ends the JVM with status 1, so that a supervisor (or './digest up' run again) restarts it.
 */
public final class AppMain {
    public static final int FAILED = 1;
    public static final int USAGE_ERROR = 2;

    private static final Logger log = LoggerFactory.getLogger(AppMain.class);

    /** A long-running app. */
    public interface App extends AutoCloseable {
        void start() throws Exception;

        /** Completes with the reason when the app fails by itself after it started. */
        default CompletableFuture<String> failed() {
            return new CompletableFuture<>();
        }

        @Override
        void close();
    }

    /**
     * The app's configuration from its checked settings, or empty when the settings asked for something the
     * function did at once (enrich's {@code --describe}); an IllegalArgumentException is a usage error.
     */
    @FunctionalInterface
    public interface Configure<C> {
        Optional<C> from(AppSettings settings);
    }

    /** Builds the service from its configuration; a failure here is a failure to start. */
    @FunctionalInterface
    public interface Create<C> {
        App create(C config) throws Exception;
    }

    /** Runs a job to its exit status. */
    @FunctionalInterface
    public interface Job<C> {
        int run(C config, AppSettings settings);
    }

    /** What reading the settings came to: the configuration to run, or none and the status to exit with now. */
    private record Loaded<C>(AppSettings settings, C config, int status) {}

    private final String name;
    private final String usage;
    private final SettingSet settings;

    /**
     * @param name the app's name, first on its error lines
     * @param usage what {@code --help} prints
     * @param settings the settings it takes
     */
    public AppMain(String name, String usage, SettingSet settings) {
        this.name = name;
        this.usage = usage;
        this.settings = settings;
    }

    /** A service's main: runs it until the JVM is asked to stop; exits with 1 or 2 as the class says. */
    public <C> void runService(String[] args, Configure<C> configure, Create<C> create) {
        Loaded<C> loaded = load(args, System.getenv(), System.out, configure);
        if (loaded.config() == null) {
            if (loaded.status() != 0) {
                System.exit(loaded.status());
            }
            return;
        }
        log.info("settings: {}", loaded.settings().summary());
        loaded.settings().ignored().forEach(log::warn);
        App app;
        try {
            app = create.create(loaded.config());
        } catch (Exception e) {
            log.error("{} failed to start: {}", name, e.getMessage(), e);
            System.exit(FAILED);
            return;
        }
        if (!runUntilStopped(app)) {
            System.exit(FAILED);
        }
    }

    /** A job's main: its exit status, 2 for a usage error, 0 after {@code --help}. */
    public <C> int runJob(String[] args, Map<String, String> env, PrintStream out, Configure<C> configure, Job<C> job) {
        Loaded<C> loaded = load(args, env, out, configure);
        if (loaded.config() == null) {
            return loaded.status();
        }
        log.debug("settings: {}", loaded.settings().summary());
        loaded.settings().ignored().forEach(log::warn);
        return job.run(loaded.config(), loaded.settings());
    }

    private <C> Loaded<C> load(String[] args, Map<String, String> env, PrintStream out, Configure<C> configure) {
        try {
            AppSettings loaded = AppSettings.load(args, env, settings);
            if (loaded.flag("help")) {
                out.print(usage);
                return new Loaded<>(loaded, null, 0);
            }
            return new Loaded<>(loaded, configure.from(loaded).orElse(null), 0);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.print(usage);
            return new Loaded<>(null, null, USAGE_ERROR);
        }
    }

    /**
     * Starts the app and waits until the JVM is asked to stop, closing the app before the JVM exits; false when
     * the app failed to start or failed by itself, said in the log.
     */
    private boolean runUntilStopped(App app) {
        CountDownLatch stopped = new CountDownLatch(1);
        CompletableFuture<String> failed = app.failed();
        CompletableFuture<Void> unused = failed.thenAccept(reason -> stopped.countDown());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                app.close();
                            } catch (RuntimeException e) {
                                log.warn("{}: closing: {}", name, e.toString());
                            }
                            stopped.countDown();
                        },
                        name + "-shutdown"));
        try {
            app.start();
            stopped.await();
            if (failed.isDone()) {
                log.error("{} stops: {}", name, failed.getNow(""));
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            log.error("{} failed to start: {}", name, e.getMessage(), e);
            return false;
        }
    }
}
