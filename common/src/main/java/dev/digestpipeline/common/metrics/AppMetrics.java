package dev.digestpipeline.common.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meter registry of one app: Prometheus format, every meter tagged {@code app}, with the JVM's memory, GC,
 * threads, CPU and uptime bound. The app binds its own meters and its Kafka clients' to it.
 */
public final class AppMetrics {
    private AppMetrics() {}

    public static PrometheusMeterRegistry create(String app) {
        JvmGcMetrics gc = new JvmGcMetrics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) {
            @Override
            public void close() {
                gc.close(); // its notification listeners on the GC beans outlive the registry otherwise
                super.close();
            }
        };
        registry.config().commonTags("app", app);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        return registry;
    }
}
