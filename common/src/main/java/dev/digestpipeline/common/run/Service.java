package dev.digestpipeline.common.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a long-running app's main runs it: started, then closed once the JVM is asked to stop (SIGTERM, Ctrl-C). */
public final class Service {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    /** Starts the app. */
    @FunctionalInterface
    public interface Start {
        void run() throws Exception;
    }

    private Service() {}

    /**
     * Runs the app until the JVM is asked to stop, then closes it before the JVM exits. A failure to start is logged
     * and ends the JVM with status 1, so that a supervisor (or './digest up' run again) restarts it.
     */
    public static void runUntilStopped(String name, AutoCloseable app, Start start) {
        runUntilStopped(name, app, start, new CompletableFuture<>());
    }

    /**
     * The same, for an app that can fail by itself after it started: when {@code failed} completes, the reason is
     * logged and the JVM exits with status 1 (the app is closed on the way out).
     */
    public static void runUntilStopped(String name, AutoCloseable app, Start start, CompletableFuture<String> failed) {
        CountDownLatch stopped = new CountDownLatch(1);
        CompletableFuture<Void> unused = failed.thenAccept(reason -> stopped.countDown());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                app.close();
                            } catch (Exception e) {
                                log.warn("{}: closing: {}", name, e.toString());
                            }
                            stopped.countDown();
                        },
                        name + "-shutdown"));
        try {
            start.run();
            stopped.await();
            if (failed.isDone()) {
                log.error("{} stops: {}", name, failed.getNow(""));
                System.exit(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("{} failed to start: {}", name, e.getMessage(), e);
            System.exit(1);
        }
    }
}
