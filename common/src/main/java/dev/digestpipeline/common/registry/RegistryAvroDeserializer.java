package dev.digestpipeline.common.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: magic byte 0, the writer's 4-byte schema id, Avro binary. The writer's schema is
 * asked of the registry once per id; the record is read into the generated class of that schema's name (resolving
 * the writer's schema against the class's, so older and newer writers are read alike), or as a generic record when
 * no class has the name.
 */
final class RegistryAvroDeserializer<T> implements Deserializer<T> {
    private final SchemaLookup registry;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    /** A decoder per thread, reused across records and deserializers. */
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    RegistryAvroDeserializer(SchemaLookup registry) {
        this.registry = registry;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < RegistryAvroSerializer.PREFIX_BYTES || data[0] != 0) {
            throw new SerializationException(
                    "a record of " + topic + " is not in the Confluent wire format (magic byte "
                            + "0 and a 4-byte schema id): " + data.length + " bytes"
                            + (data.length == 0 ? "" : ", the first " + data[0]));
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(registry.schema(id));
            readers.put(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(
                        data,
                        RegistryAvroSerializer.PREFIX_BYTES,
                        data.length - RegistryAvroSerializer.PREFIX_BYTES,
                        DECODERS.get());
        DECODERS.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "a record of " + topic + " cannot be read with its schema (id " + id + "): " + e, e);
        }
    }

    private static <T> DatumReader<T> readerFor(Schema writer) {
        Class<?> generated = SpecificData.get().getClass(writer);
        Schema reader = generated == null ? writer : SpecificData.get().getSchema(generated);
        return new SpecificDatumReader<>(writer, reader);
    }
}
