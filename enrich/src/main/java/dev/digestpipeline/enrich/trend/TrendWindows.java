package dev.digestpipeline.enrich.trend;

import java.time.Duration;

/**
 * How trend windows close and are forgotten: a window closes (its record turns {@code final}) once stream time
 * passes its end plus the grace; a page about it that comes later still corrects its count, with another final
 * record. A window is forgotten, with a tombstone, once stream time passes its end plus the retention; pages
 * about it after that are merged but not counted. Changed windows are sent every {@code updateInterval}.
 */
public record TrendWindows(
        Duration dayGrace, Duration hourGrace, Duration dayRetention, Duration hourRetention, Duration updateInterval) {
    public TrendWindows {
        if (dayRetention.compareTo(dayGrace) <= 0 || hourRetention.compareTo(hourGrace) <= 0) {
            throw new IllegalArgumentException("a trend window's retention must be longer than its grace");
        }
    }

    public Duration grace(Granularity granularity) {
        return granularity == Granularity.DAY ? dayGrace : hourGrace;
    }

    public Duration retention(Granularity granularity) {
        return granularity == Granularity.DAY ? dayRetention : hourRetention;
    }

    /** Epoch millis at which the window closes. */
    public long closesAt(TrendWindow window) {
        return window.end().plus(grace(window.granularity())).toEpochMilli();
    }

    /** Epoch millis at which the window is forgotten. */
    public long forgottenAt(TrendWindow window) {
        return window.end().plus(retention(window.granularity())).toEpochMilli();
    }
}
