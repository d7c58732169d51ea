package dev.digestpipeline.enrich;

import dev.digestpipeline.common.registry.RegistryFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's uncaught failure does: the thread is replaced (its tasks start again from their last
 * commit), unless {@code max} threads failed within the last {@link #WINDOW}; then the client shuts down, Streams
 * reaches ERROR and the app exits non-zero, so that a supervisor or './digest up' restarts it instead of it
 * replacing threads for ever. A thread stopped by a schema registry outage is replaced without counting: the
 * outage is waited out, however long.
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ThreadReplacements.class);

    private final int max;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    ThreadReplacements(int max, Clock clock) {
        this.max = max;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        if (RegistryFailures.isUnavailable(exception)) {
            // an outage, not a fault of ours: the task waits it out however long it lasts
            log.warn("stream thread stopped while the schema registry is unavailable; replacing it");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= max) {
            log.error(
                    "stream thread failed, the {}th time within {}: stopping enrich (exit status 1)",
                    recent.size() + 1,
                    WINDOW,
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        log.error("stream thread failed ({} of {} within {}); replacing it", recent.size(), max, WINDOW, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
