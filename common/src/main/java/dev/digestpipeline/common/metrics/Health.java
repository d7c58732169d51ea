package dev.digestpipeline.common.metrics;

/**
 * Whether an app is ready to do its work, and if not, why: what {@code /health/ready} answers (200 or 503), and
 * what an operator reads on the dashboard.
 */
public record Health(boolean ready, String detail) {
    public static Health ready(String detail) {
        return new Health(true, detail);
    }

    public static Health notReady(String detail) {
        return new Health(false, detail);
    }
}
