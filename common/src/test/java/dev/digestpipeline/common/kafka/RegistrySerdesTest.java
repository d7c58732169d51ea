package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegistrySerdesTest {
    @Test
    void registryBaseUrlGetsTheNativeApiPath() {
        assertEquals("http://127.0.0.1:8081/apis/registry/v3", RegistrySerdes.apiUrl("http://127.0.0.1:8081/"));
        assertEquals("http://r:1/apis/registry/v3", RegistrySerdes.apiUrl("http://r:1/apis/registry/v3"));
    }
}
