package dev.digestpipeline.common.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAccessTest {
    @Test
    void aTimeoutThatIsNotPositiveIsRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RegistryAccess("https://r", null, null, null, Duration.ZERO));
        assertEquals("registry.timeout must be positive, not PT0S", e.getMessage());
    }

    @Test
    void theDefaultTimeoutIsTheSettingsDefault() {
        assertEquals(
                Duration.ofSeconds(10), RegistryAccess.anonymous("http://r").timeout());
    }

    @Test
    void aUserWithoutPasswordIsRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RegistryAccess("https://r", "digest", null, null));
        assertEquals("registry.username is set but registry.password is not", e.getMessage());
    }

    @Test
    void aCaFileThatCannotBeReadIsRefused(@TempDir Path dir) {
        Path missing = dir.resolve("ca.pem");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RegistryAccess("https://r", null, null, missing));
        assertEquals("registry.ca.file " + missing + " is not a readable file", e.getMessage());
    }

    @Test
    void thePasswordIsNotInTheTextOfTheAccess() {
        assertEquals("https://r as digest", new RegistryAccess("https://r", "digest", "s3cret", null).toString());
    }
}
