package dev.digestpipeline.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

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

    /** The counter with these tags (label, value, ...), registered with its description on first use. */
    public Counter counter(MeterRegistry registry, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A counter whose value is a running total the app keeps anyway, read when scraped. */
    public void countFrom(MeterRegistry registry, LongAdder total, String... tags) {
        FunctionCounter.builder(name, total, LongAdder::sum)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** The timer, a histogram from {@code least} to {@code most} (Prometheus buckets). */
    public Timer timer(MeterRegistry registry, Duration least, Duration most) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(least)
                .maximumExpectedValue(most)
                .register(registry);
    }

    /** The name Prometheus shows: underscores, and {@code _total} for a counter, {@code _seconds} for a timer. */
    public String prometheusName() {
        return name.replace('.', '_') + type.suffix;
    }
}
