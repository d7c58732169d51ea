package dev.digestpipeline.common.registry;

import org.apache.avro.Schema;

/**
 * What the serdes ask of a schema registry: the schema an id names, and the id of a schema under a subject
 * (registering it when new). Ids never change, so an answer is good for the life of the process.
 */
public interface SchemaLookup {
    /**
     * The schema the id names.
     *
     * @throws RegistryUnavailableException when the registry did not answer in time, or answered 5xx or 429
     * @throws org.apache.kafka.common.errors.SerializationException when the registry knows no such id
     */
    Schema schema(int id);

    /**
     * The id of the schema under the subject, registered when new.
     *
     * @throws RegistryUnavailableException when the registry did not answer in time, or answered 5xx or 429
     * @throws org.apache.kafka.common.errors.SerializationException when the registry refuses the schema
     */
    int register(String subject, Schema schema);
}
