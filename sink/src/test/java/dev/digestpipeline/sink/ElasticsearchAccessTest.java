package dev.digestpipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.common.settings.AppSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchAccessTest {
    @Test
    void credentialsComeFromTheEnvironment() {
        SinkConfig config = SinkConfig.of(Map.of(
                "DIGEST_ELASTICSEARCH_URL", "https://es.example:9200",
                "DIGEST_ELASTICSEARCH_USERNAME", "digest",
                "DIGEST_ELASTICSEARCH_PASSWORD", "s3cret"));
        assertEquals(
                new ElasticsearchAccess("https://es.example:9200", "digest", "s3cret", null, null),
                config.elasticsearch());
    }

    @Test
    void aUserAndAnApiKeyTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ElasticsearchAccess("https://es", "digest", "s3cret", "a2V5", null));
        assertEquals(
                "set elasticsearch.username or elasticsearch.api.key, not both: which one would be used?",
                e.getMessage());
    }

    @Test
    void aUserWithoutPasswordIsRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ElasticsearchAccess("https://es", "digest", null, null, null));
        assertEquals("elasticsearch.username is set but elasticsearch.password is not", e.getMessage());
    }

    @Test
    void secretsAreMaskedInTheLoggedSettingsAndInTheConfig() {
        Map<String, String> env = Map.of(
                "DIGEST_ELASTICSEARCH_API_KEY", "c2VjcmV0LWtleQ==",
                "DIGEST_REGISTRY_USERNAME", "digest",
                "DIGEST_REGISTRY_PASSWORD", "s3cret");
        AppSettings settings = AppSettings.load(new String[0], env, SinkConfig.SETTINGS);
        String logged = settings.summary() + " " + SinkConfig.from(settings);
        assertFalse(logged.contains("c2VjcmV0LWtleQ=="), logged);
        assertFalse(logged.contains("s3cret"), logged);
    }

    @Test
    void severalNodesOfOneClusterAreGivenSeparatedByCommas() {
        assertEquals(
                List.of(URI.create("http://es1:9200"), URI.create("http://es2:9200")),
                ElasticsearchAccess.nodes("http://es1:9200, http://es2:9200"));
        assertEquals(List.of(URI.create("http://127.0.0.1:9200")), ElasticsearchAccess.nodes("http://127.0.0.1:9200"));
    }
}
