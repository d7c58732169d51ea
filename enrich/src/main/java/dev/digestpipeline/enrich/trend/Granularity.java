package dev.digestpipeline.enrich.trend;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The sizes of trend windows, UTC-aligned. */
public enum Granularity {
    DAY(ChronoUnit.DAYS),
    HOUR(ChronoUnit.HOURS);

    private final ChronoUnit unit;
    private final String label;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** The name in trend keys and records: day, hour. */
    public String label() {
        return label;
    }

    public Instant start(Instant time) {
        return time.truncatedTo(unit);
    }

    public Instant end(Instant start) {
        return start.plus(1, unit);
    }

    public static Granularity of(String label) {
        for (Granularity g : values()) {
            if (g.label().equals(label)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no trend granularity '" + label + "' (day, hour)");
    }
}
