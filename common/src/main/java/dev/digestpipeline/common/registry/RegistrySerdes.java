package dev.digestpipeline.common.registry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes backed by the schema registry, in the Confluent wire format (magic byte 0, schema id, Avro binary), so
 * Confluent's and Apicurio's consumers read our topics. Subjects follow the topic name strategy
 * ({@code <topic>-value}). The registry is asked only for an id or a schema the process has not seen
 * ({@link SchemaRegistryClient}).
 */
public final class RegistrySerdes {
    private RegistrySerdes() {}

    public static <T extends SpecificRecord> Serde<T> valueSerde(String registryUrl) {
        return valueSerde(RegistryAccess.anonymous(registryUrl));
    }

    public static <T extends SpecificRecord> Serde<T> valueSerde(RegistryAccess registry) {
        return valueSerde(SchemaRegistryClient.of(registry));
    }

    static <T extends SpecificRecord> Serde<T> valueSerde(SchemaLookup registry) {
        return new Serdes.WrapperSerde<>(
                new RegistryAvroSerializer<>(registry), new RegistryAvroDeserializer<>(registry));
    }
}
