package dev.digestpipeline.common.ops;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.CommonSettings;

/** Where an app serves {@code /metrics} and {@code /health}: {@code metrics.host} and {@code metrics.port}. */
public record OpsAddress(String host, int port) {
    /** No endpoint (port -1). */
    public static final OpsAddress NONE = new OpsAddress("127.0.0.1", -1);

    public static OpsAddress from(AppSettings settings) {
        return new OpsAddress(
                settings.text(CommonSettings.METRICS_HOST), (int) settings.integer(CommonSettings.METRICS_PORT));
    }

    public boolean enabled() {
        return port >= 0;
    }
}
