package dev.digestpipeline.common.settings;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in settings and source specs: 500ms, 30s, 5m, 6h, 7d; a bare number is ms. */
public final class Durations {
    /** The accepted form, for error messages. */
    public static final String FORM = "a duration like 500ms, 30s, 5m, 6h or 7d";

    private Durations() {}

    /** The duration the text gives; an IllegalArgumentException when it is not {@link #FORM}. */
    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORM, e);
        }
    }

    /** The duration in the largest unit that says it exactly, as {@link #parse} reads it back: 90s, 5m, 6h, 1d. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0 || ms % 1000 != 0) {
            return ms + "ms";
        }
        long seconds = ms / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
