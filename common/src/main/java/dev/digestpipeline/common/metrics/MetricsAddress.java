package dev.digestpipeline.common.metrics;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.CommonSettings;

/** Where an app serves {@code /metrics} and {@code /health}: {@code metrics.host} and {@code metrics.port}. */
public record MetricsAddress(String host, int port) {
    /** No endpoint (port -1). */
    public static final MetricsAddress NONE = new MetricsAddress("127.0.0.1", -1);

    public static MetricsAddress from(AppSettings settings) {
        return new MetricsAddress(
                settings.text(CommonSettings.METRICS_HOST), (int) settings.integer(CommonSettings.METRICS_PORT));
    }

    public boolean enabled() {
        return port >= 0;
    }
}
