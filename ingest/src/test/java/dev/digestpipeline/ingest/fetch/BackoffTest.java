package dev.digestpipeline.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A random source that always gives the same draw in [0, 1). */
    private static RandomGenerator draws(double value) {
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

    private static final Backoff MIDDLE = new Backoff(draws(0.5));

    @Test
    void firstFailureWaitsAMinuteThenEachDoubles() {
        assertEquals(Duration.ofMinutes(1), MIDDLE.after(1, Optional.empty()));
        assertEquals(Duration.ofMinutes(2), MIDDLE.after(2, Optional.empty()));
        assertEquals(Duration.ofMinutes(4), MIDDLE.after(3, Optional.empty()));
        assertEquals(Duration.ofMinutes(64), MIDDLE.after(7, Optional.empty()));
    }

    @Test
    void theWaitStopsGrowingAtADay() {
        assertEquals(Duration.ofHours(24), MIDDLE.after(12, Optional.empty()));
        assertEquals(Duration.ofHours(24), MIDDLE.after(10_000, Optional.empty()));
    }

    @Test
    void jitterIsTenPercentEitherWay() {
        assertEquals(Duration.ofSeconds(54), new Backoff(draws(0.0)).after(1, Optional.empty()));
        assertEquals(Duration.ofMillis(65_988), new Backoff(draws(0.999)).after(1, Optional.empty()));
    }

    @Test
    void theSitesRetryAfterWinsOverTheSchedule() {
        assertEquals(Duration.ofSeconds(7), MIDDLE.after(5, Optional.of(Duration.ofSeconds(7))));
    }
}
