package dev.digestpipeline.common.retry;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How long to wait after a failure: {@code first} after the first, doubling with each failure in a row up to
 * {@code cap}, moved by up to ±{@code jitter} so that clients failing together drift apart. A success resets the
 * count (the caller's). The poller, the sink and enrich's error handler each use it with their own parameters.
 * Thread-safe: the poller's host threads share one.
 */
public final class Backoff {
    private final Duration first;
    private final Duration cap;
    private final double jitter;
    private final RandomGenerator random;

    /**
     * @param first the wait after the first failure
     * @param cap the longest wait
     * @param jitter the share the wait moves by, either way (0.1: ±10 %)
     * @param random where the jitter comes from (a fixed one in tests)
     */
    public Backoff(Duration first, Duration cap, double jitter, RandomGenerator random) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= cap, not " + first + " and " + cap);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a share in [0, 1), not " + jitter);
        }
        this.first = first;
        this.cap = cap;
        this.jitter = jitter;
        this.random = random;
    }

    /** The same, its jitter drawn from a random source of its own. */
    public Backoff(Duration first, Duration cap, double jitter) {
        this(first, cap, jitter, new SplittableRandom());
    }

    /**
     * The wait before the next try.
     *
     * @param failures failures in a row, this one included (1 for the first)
     */
    public Duration after(int failures) {
        Duration base = first;
        for (int i = 1; i < failures && base.compareTo(cap) < 0; i++) {
            base = base.multipliedBy(2);
        }
        return jittered(base.compareTo(cap) > 0 ? cap : base);
    }

    /** The duration moved by up to ±jitter. */
    public synchronized Duration jittered(Duration base) {
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
