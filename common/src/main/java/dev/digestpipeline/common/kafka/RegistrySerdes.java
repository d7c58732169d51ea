package dev.digestpipeline.common.kafka;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes backed by the schema registry. Apicurio's serde with headers off, content ids and its default
 * 4-byte id handler writes the Confluent wire format (magic byte 0, schema id, Avro binary), so Confluent
 * consumers read our topics. Subjects follow the topic name strategy ({@code <topic>-value}). After a topic's
 * first record, its records are written without asking the registry again ({@link RegistryAvroSerializer}).
 */
public final class RegistrySerdes {
    private RegistrySerdes() {}

    /** Serde properties for a registry at {@code registryUrl} (its base URL, e.g. http://127.0.0.1:8081). */
    public static Map<String, Object> config(String registryUrl) {
        return config(RegistryAccess.anonymous(registryUrl));
    }

    /** Serde properties for the registry, with its credentials and CA certificates when it has them. */
    public static Map<String, Object> config(RegistryAccess registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.REGISTRY_URL, apiUrl(registry.url()));
        if (registry.username() != null) {
            config.put(SchemaResolverConfig.AUTH_USERNAME, registry.username());
            config.put(SchemaResolverConfig.AUTH_PASSWORD, registry.password());
        }
        if (registry.caFile() != null) {
            config.put(SchemaResolverConfig.TLS_CERTIFICATES, registry.caFile().toString());
        }
        config.put(AvroSerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(AvroSerdeConfig.USE_ID, "contentId");
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaCachingDatumProvider.class.getName());
        return config;
    }

    /** The registry's native v3 API under the base URL; a URL already naming an API is kept. */
    static String apiUrl(String registryUrl) {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        return base.contains("/apis/") ? base : base + "/apis/registry/v3";
    }

    public static <T extends SpecificRecord> Serde<T> valueSerde(String registryUrl) {
        return valueSerde(RegistryAccess.anonymous(registryUrl));
    }

    public static <T extends SpecificRecord> Serde<T> valueSerde(RegistryAccess registry) {
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(config(registry), false);
        return new Serdes.WrapperSerde<>(new RegistryAvroSerializer<>(serde.serializer()), serde.deserializer());
    }
}
