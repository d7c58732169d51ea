package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySerdesTest {
    @Test
    void registryBaseUrlGetsTheNativeApiPath() {
        assertEquals("http://127.0.0.1:8081/apis/registry/v3", RegistrySerdes.apiUrl("http://127.0.0.1:8081/"));
        assertEquals("http://r:1/apis/registry/v3", RegistrySerdes.apiUrl("http://r:1/apis/registry/v3"));
    }

    @Test
    void anAnonymousRegistryGetsNoCredentialsAndTheJvmsTrust() {
        Map<String, Object> config = RegistrySerdes.config("http://127.0.0.1:8081");
        assertFalse(config.containsKey("apicurio.registry.auth.username"));
        assertFalse(config.containsKey("apicurio.registry.tls.certificates"));
    }

    @Test
    void aSecuredRegistryGetsItsUserPasswordAndCaFile(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, Object> config =
                RegistrySerdes.config(new RegistryAccess("https://registry.example", "digest", "s3cret", ca));
        assertEquals("https://registry.example/apis/registry/v3", config.get("apicurio.registry.url"));
        assertEquals("digest", config.get("apicurio.registry.auth.username"));
        assertEquals("s3cret", config.get("apicurio.registry.auth.password"));
        assertEquals(ca.toString(), config.get("apicurio.registry.tls.certificates"));
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
