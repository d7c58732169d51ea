package dev.digestpipeline.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void secondsAreAWaitFromNow() {
        assertEquals(Optional.of(Duration.ofMinutes(2)), RetryAfter.parse("120", NOW));
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), RetryAfter.parse("Fri, 27 Nov 2026 13:30:00 GMT", NOW));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 27 Nov 2026 11:00:00 GMT", NOW));
    }

    @Test
    void noSiteMakesUsWaitMoreThanADay() {
        assertEquals(Optional.of(Duration.ofHours(24)), RetryAfter.parse("999999", NOW));
        assertEquals(Optional.of(Duration.ofHours(24)), RetryAfter.parse("99999999999999999999999", NOW));
        assertEquals(Optional.of(Duration.ofHours(24)), RetryAfter.parse("Sun, 27 Dec 2026 12:00:00 GMT", NOW));
    }

    @Test
    void anAbsentOrUnreadableHeaderAsksNothing() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(" ", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
    }

    @Test
    void huggingFacesRateLimitHeaderGivesTheSecondsToItsReset() {
        assertEquals(Optional.of("42"), RetryAfter.fromRateLimit("\"api\";r=0;t=42"));
        assertEquals(Optional.empty(), RetryAfter.fromRateLimit("\"api\";r=12"));
        assertEquals(Optional.empty(), RetryAfter.fromRateLimit(null));
    }
}
