package dev.digestpipeline.common.run;

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
        CountDownLatch stopped = new CountDownLatch(1);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("{} failed to start: {}", name, e.getMessage(), e);
            System.exit(1);
        }
    }
}
