package dev.digestpipeline.common.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
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
 * The registry serializer's bytes, with the registry asked once per topic and schema: the first record of a topic
 * goes through the registry's serializer, which registers its schema under the topic's subject and writes the
 * Confluent wire format (magic byte 0, the schema's 4-byte id, Avro binary). Its first five bytes are kept, and
 * every later record of that schema is those five bytes and its Avro binary, written here through a buffered
 * encoder: the registry's serializer resolves the schema again for every record and writes through Avro's direct
 * encoder, one call per byte, which made a merged paper half again as costly to write. Records are written by
 * {@link SpecificRecordWriter} where it covers the schema. Bytes that are not the
 * wire format (another id handler, headers) are never reused: every record then goes through the registry's
 * serializer.
 */
final class RegistryAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    /** Magic byte and schema id. */
    static final int PREFIX_BYTES = 5;

    private final Serializer<T> registry;
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

    RegistryAvroSerializer(Serializer<T> registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null;
        }
        Prefix prefix = prefixes.get(topic);
        // the schema of a specific record is its class's: one object, and equals tries identity first
        if (prefix == null || !prefix.schema.equals(data.getSchema())) {
            byte[] bytes = headers == null ? registry.serialize(topic, data) : registry.serialize(topic, headers, data);
            if (bytes != null && bytes.length >= PREFIX_BYTES && bytes[0] == 0) {
                prefixes.put(topic, new Prefix(data.getSchema(), Arrays.copyOf(bytes, PREFIX_BYTES)));
            }
            return bytes;
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

    @Override
    public void close() {
        registry.close();
    }
}
