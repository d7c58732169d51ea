package dev.digestpipeline.common.registry;

import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_CA_FILE;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_PASSWORD;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_TIMEOUT;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_USERNAME;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How an app reaches the schema registry: its base URL, the deadline of each call and, for a secured one, a user and
 * password (HTTP basic) and the CA certificates (PEM) an https registry is trusted by. The local stack's registry
 * needs none of them.
 *
 * @param caFile null: the JVM's trust store
 * @param timeout how long one call (connecting, the answer and its body) may take before the registry counts as
 *     unavailable
 */
public record RegistryAccess(String url, String username, String password, Path caFile, Duration timeout) {
    public RegistryAccess {
        if (username != null && password == null) {
            throw new IllegalArgumentException(
                    REGISTRY_USERNAME.name() + " is set but " + REGISTRY_PASSWORD.name() + " is not");
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new IllegalArgumentException(REGISTRY_CA_FILE.name() + " " + caFile + " is not a readable file");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(REGISTRY_TIMEOUT.name() + " must be positive, not " + timeout);
        }
    }

    /** The access with the default deadline. */
    public RegistryAccess(String url, String username, String password, Path caFile) {
        this(url, username, password, caFile, Durations.parse(REGISTRY_TIMEOUT.defaultValue()));
    }

    /** A registry that needs no credentials and is trusted by the JVM's trust store (or is plain http). */
    public static RegistryAccess anonymous(String url) {
        return new RegistryAccess(url, null, null, null);
    }

    public static RegistryAccess from(AppSettings settings) {
        return new RegistryAccess(
                settings.text(REGISTRY_URL),
                settings.optional(REGISTRY_USERNAME),
                settings.optional(REGISTRY_PASSWORD),
                settings.path(REGISTRY_CA_FILE),
                settings.duration(REGISTRY_TIMEOUT));
    }

    /** The password left out, so that the record can be logged. */
    @Override
    public String toString() {
        return url + (username == null ? "" : " as " + username) + (caFile == null ? "" : " trusting " + caFile);
    }
}
