package dev.digestpipeline.ingest;

import dev.digestpipeline.common.metrics.Meters;
import dev.digestpipeline.ingest.poll.Target;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Locale;

/**
 * The poller's meters: polls by source kind, host and outcome (the HTTP status, or {@code error} when no answer
 * came), bytes fetched and pages published by source kind. Kinds and hosts are few; URLs would not be.
 */
final class PollMetrics {
    /** Meters that go nowhere, until the app binds a registry. */
    static final PollMetrics NONE = new PollMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;

    PollMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void polled(Target target, int status, String error) {
        String outcome = status > 0 ? Integer.toString(status) : error != null ? "error" : "none";
        Meters.INGEST_POLLS
                .counter(
                        registry,
                        "source",
                        kind(target),
                        "host",
                        target.url().getHost().toLowerCase(Locale.ROOT),
                        "status",
                        outcome)
                .increment();
    }

    void fetched(Target target, long bytes) {
        Meters.INGEST_FETCHED_BYTES.counter(registry, "source", kind(target)).increment((double) bytes);
    }

    void published(Target target, boolean acknowledged) {
        (acknowledged ? Meters.INGEST_PUBLISHED : Meters.INGEST_PUBLISH_FAILED)
                .counter(registry, "source", kind(target))
                .increment();
    }

    private static String kind(Target target) {
        return target.source().kind().id();
    }
}
