package dev.digestpipeline.ingest.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A Retry-After header (RFC 9110: delay-seconds or an HTTP-date) as a wait from now, capped. */
public final class RetryAfter {
    /** No site makes us wait longer than this, whatever it says. */
    public static final Duration CAP = Duration.ofHours(24);

    private RetryAfter() {}

    /** The wait the header asks for, at most {@link #CAP}; empty when the header is absent or unreadable. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                wait = CAP; // more digits than a long holds: longer than any cap
            }
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                wait = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(wait.compareTo(CAP) > 0 ? CAP : wait);
    }
}
