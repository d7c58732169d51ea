package dev.digestpipeline.common.ops;

import java.util.List;

/**
 * One metric of our own, declared once in {@link Meters}: the apps register it under {@link #name()}, the README's
 * table and the dashboards' checks read the same declaration.
 *
 * @param name Micrometer's dotted name, e.g. {@code digest.enrich.pages.parsed}
 * @param type counter or timer (a timer is a histogram in seconds)
 * @param app the app that exports it
 * @param labels its tags besides {@code app}
 */
public record MetricSpec(String name, Type type, String app, List<String> labels, String description) {
    /** How Micrometer registers it, and the suffix Prometheus gives it. */
    public enum Type {
        COUNTER("_total"),
        TIMER("_seconds");

        private final String suffix;

        Type(String suffix) {
            this.suffix = suffix;
        }
    }

    /** The name Prometheus shows: underscores, and {@code _total} for a counter, {@code _seconds} for a timer. */
    public String prometheusName() {
        return name.replace('.', '_') + type.suffix;
    }
}
