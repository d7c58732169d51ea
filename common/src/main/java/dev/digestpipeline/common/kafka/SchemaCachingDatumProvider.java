package dev.digestpipeline.common.kafka;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's datum provider, with its writers and readers cached by the schema itself. Apicurio's own cache is
 * keyed by the schema's parsing fingerprint, which it computes on every record (normalizing the whole schema to
 * text): with the Paper schema that was 15 % of enrich's CPU. A schema's hash code is cached and equality starts
 * with identity. The registry client hands the deserializer an instance other than the first one it was asked
 * for, though, equal but not the same, and comparing the two field by field was 2 % of enrich's stream threads'
 * time: the reader last found is kept with the very instance it was asked for, and a deserializer, one schema
 * per record, finds it there by identity.
 */
public class SchemaCachingDatumProvider<T> extends DefaultAvroDatumProvider<T> {
    private final Map<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private volatile LastReader<T> lastReader = new LastReader<>(null, null);

    private record LastReader<T>(Schema schema, DatumReader<T> reader) {}

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        Map<Schema, DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
        return writers.computeIfAbsent(schema, s -> super.createDatumWriter(data, s));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        LastReader<T> last = lastReader;
        @SuppressWarnings("ReferenceEquality") // the point: no field-by-field comparison
        boolean same = last.schema() == schema;
        if (same) {
            return last.reader();
        }
        DatumReader<T> reader = readers.computeIfAbsent(schema, super::createDatumReader);
        lastReader = new LastReader<>(schema, reader);
        return reader;
    }
}
