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

    /**
     * The seconds to the reset of a {@code RateLimit} header (the IETF draft Hugging Face answers with, e.g.
     * {@code "api";r=0;t=42}), as a Retry-After value; empty when there is none. A 429 without Retry-After but with
     * this header is waited out to the reset instead of by the backoff.
     */
    public static Optional<String> fromRateLimit(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(";", -1)) {
            String p = part.strip();
            if (p.startsWith("t=") && p.length() > 2 && p.substring(2).chars().allMatch(Character::isDigit)) {
                return Optional.of(p.substring(2));
            }
        }
        return Optional.empty();
    }
}
