package dev.digestpipeline.ingest.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait after a failed poll: what the site's Retry-After asks (capped at 24 h); else 60 s, doubling with
 * each failure in a row, capped at 24 h, with ±10 % jitter so that sources do not retry in lockstep. A success
 * resets the count (the caller's failure count goes back to 0). Thread-safe: the poller's host threads share one.
 */
public final class Backoff {
    public static final Duration FIRST = Duration.ofSeconds(60);
    public static final Duration CAP = RetryAfter.CAP;
    public static final double JITTER = 0.10;

    private final RandomGenerator random;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The wait before the next try.
     *
     * @param failures failures in a row, this one included (1 for the first)
     * @param retryAfter the wait the site asked for, if it did
     */
    public synchronized Duration after(int failures, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        Duration base = FIRST;
        for (int i = 1; i < failures && base.compareTo(CAP) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(CAP) > 0) {
            base = CAP;
        }
        return jittered(base);
    }

    /** The duration moved by up to ±10 %, so that sources polled alike drift apart. */
    public synchronized Duration jittered(Duration base) {
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
