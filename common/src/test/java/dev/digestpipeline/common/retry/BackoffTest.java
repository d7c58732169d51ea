package dev.digestpipeline.common.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A random source that always gives the same draw in [0, 1). */
    static RandomGenerator draws(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    /** The poller's: a minute, doubling to a day, ±10 %; the draw 0.5 moves nothing. */
    private static final Backoff MIDDLE = new Backoff(Duration.ofMinutes(1), Duration.ofHours(24), 0.10, draws(0.5));

    @Test
    void theFirstFailureWaitsFirstThenEachDoubles() {
        assertEquals(Duration.ofMinutes(1), MIDDLE.after(1));
        assertEquals(Duration.ofMinutes(2), MIDDLE.after(2));
        assertEquals(Duration.ofMinutes(4), MIDDLE.after(3));
        assertEquals(Duration.ofMinutes(64), MIDDLE.after(7));
    }

    @Test
    void theWaitStopsGrowingAtTheCap() {
        assertEquals(Duration.ofHours(24), MIDDLE.after(12));
        assertEquals(Duration.ofHours(24), MIDDLE.after(10_000));
    }

    @Test
    void aCapBetweenTwoDoublingsIsTheWaitPastIt() {
        Backoff sink = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, draws(0.5));
        assertEquals(Duration.ofSeconds(16), sink.after(6));
        assertEquals(Duration.ofSeconds(30), sink.after(7));
    }

    @Test
    void jitterMovesTheWaitByItsShareEitherWay() {
        Duration first = Duration.ofMinutes(1);
        assertEquals(Duration.ofSeconds(54), new Backoff(first, first, 0.10, draws(0.0)).after(1));
        assertEquals(Duration.ofMillis(65_988), new Backoff(first, first, 0.10, draws(0.999)).after(1));
        assertEquals(Duration.ofSeconds(48), new Backoff(first, first, 0.20, draws(0.0)).after(1));
    }

    @Test
    void aFirstAndCapTheSameIsAFixedWait() {
        Backoff fixed = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), 0.0, draws(0.9));
        assertEquals(Duration.ofSeconds(5), fixed.after(1));
        assertEquals(Duration.ofSeconds(5), fixed.after(40));
    }

    @Test
    void aCapBelowTheFirstWaitOrAJitterOfAWholeIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.1));
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0));
    }
}
