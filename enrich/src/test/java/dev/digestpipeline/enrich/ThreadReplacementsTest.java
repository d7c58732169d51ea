package dev.digestpipeline.enrich;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final ThreadReplacements replacements = new ThreadReplacements(2, clock);
    private final RuntimeException failure = new IllegalStateException("task failed");

    @Test
    void aFailedThreadIsReplacedUpToTheLimitThenTheClientStops() {
        assertEquals(REPLACE_THREAD, replacements.handle(failure));
        assertEquals(REPLACE_THREAD, replacements.handle(failure));
        assertEquals(SHUTDOWN_CLIENT, replacements.handle(failure));
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        replacements.handle(failure);
        replacements.handle(failure);
        clock.advance(ThreadReplacements.WINDOW.plus(Duration.ofSeconds(1)));
        assertEquals(REPLACE_THREAD, replacements.handle(failure));
    }

    @Test
    void aRegistryOutageIsWaitedOutWithoutCountingTowardsTheLimit() {
        RuntimeException outage =
                new RuntimeException(new java.net.ConnectException("Connection refused: /127.0.0.1:8081"));
        for (int i = 0; i < 10; i++) {
            assertEquals(REPLACE_THREAD, replacements.handle(outage));
        }
        assertEquals(REPLACE_THREAD, replacements.handle(failure));
    }
}
