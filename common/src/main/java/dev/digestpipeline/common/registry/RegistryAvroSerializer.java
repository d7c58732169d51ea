package dev.digestpipeline.common.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro records in the Confluent wire format: magic byte 0, the schema's 4-byte registry id, Avro binary. The id of a
 * topic's schema is asked of the registry once, under the topic's subject ({@code <topic>-value}, registering the
 * schema when new); every later record of that schema is those five bytes and its Avro binary, written through a
 * buffered encoder, by {@link SpecificRecordWriter} where it covers the schema.
 */
final class RegistryAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    /** Magic byte and schema id. */
    static final int PREFIX_BYTES = 5;

    private final SchemaLookup registry;
    private final Map<String, Prefix> prefixes = new ConcurrentHashMap<>();
    /** An encoder and its buffer per thread, whichever serializer writes through them. */
    private static final ThreadLocal<Output> OUTPUTS = ThreadLocal.withInitial(Output::new);

    /** The bytes of the record being written; only the record's own array is new for each record. */
    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        BinaryEncoder encoder;
    }

    /** A topic's prefix, for the schema it was resolved for. */
    private static final class Prefix {
        final Schema schema;
        final byte[] bytes;
        final DatumWriter<SpecificRecord> writer;

        Prefix(Schema schema, byte[] bytes) {
            this.schema = schema;
            this.bytes = bytes;
            this.writer = SpecificRecordWriter.of(schema).orElseGet(() -> new SpecificDatumWriter<>(schema));
        }
    }

    RegistryAvroSerializer(SchemaLookup registry) {
        this.registry = registry;
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null;
        }
        Prefix prefix = prefixes.get(topic);
        // the schema of a specific record is its class's: one object, and equals tries identity first
        if (prefix == null || !prefix.schema.equals(data.getSchema())) {
            int id = registry.register(topic + "-value", data.getSchema());
            prefix = new Prefix(
                    data.getSchema(),
                    ByteBuffer.allocate(PREFIX_BYTES).put((byte) 0).putInt(id).array());
            prefixes.put(topic, prefix);
        }
        Output out = OUTPUTS.get();
        out.bytes.reset();
        out.bytes.write(prefix.bytes, 0, PREFIX_BYTES);
        out.encoder = EncoderFactory.get().binaryEncoder(out.bytes, out.encoder);
        try {
            prefix.writer.write(data, out.encoder);
            out.encoder.flush();
        } catch (IOException | RuntimeException e) {
            // the encoder's buffer still holds part of this record, and reusing it would flush that part into the
            // next record's bytes
            out.encoder = null;
            throw new SerializationException(
                    "could not write a " + data.getSchema().getName() + " to " + topic, e);
        }
        return out.bytes.toByteArray();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }
}
