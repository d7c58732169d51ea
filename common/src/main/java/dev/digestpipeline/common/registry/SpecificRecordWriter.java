package dev.digestpipeline.common.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the specific records of one schema as Avro binary, the bytes Avro's {@code SpecificDatumWriter} writes,
 * with the way each field is written chosen once, from the schema, instead of for every value: Avro's writer looks
 * up each field's conversion, resolves each union by the value's type and counts each list through an interface
 * call for every record, which was half of its time on a merged paper. Covers the types our schemas use (records,
 * arrays, a union of null and one type, strings, bytes, numbers, booleans, dates and timestamp-millis);
 * {@link #of} gives nothing for a schema with any other type, which Avro's own writer then writes.
 */
final class SpecificRecordWriter implements DatumWriter<SpecificRecord> {
    /** Writes one value of a schema. */
    private interface ValueWriter {
        void write(Object value, Encoder out) throws IOException;
    }

    /** A type this writer does not cover. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(Schema schema) {
            super(schema.toString(), null, false, false);
        }
    }

    private final ValueWriter record;

    private SpecificRecordWriter(ValueWriter record) {
        this.record = record;
    }

    /** The writer of records of the schema, or nothing if the schema has a type this writer does not cover. */
    static Optional<DatumWriter<SpecificRecord>> of(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SpecificRecordWriter(writerOf(schema)));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    @Override
    public void setSchema(Schema schema) {
        throw new UnsupportedOperationException("the schema is set when the writer is made");
    }

    @Override
    public void write(SpecificRecord datum, Encoder out) throws IOException {
        record.write(datum, out);
    }

    private static ValueWriter writerOf(Schema schema) throws Unsupported {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            return logicalWriterOf(schema, logical);
        }
        return switch (schema.getType()) {
            case RECORD -> recordWriterOf(schema);
            case ARRAY -> arrayWriterOf(writerOf(schema.getElementType()));
            case UNION -> nullableWriterOf(schema);
            case STRING -> (value, out) -> out.writeString((CharSequence) value);
            case BYTES -> (value, out) -> out.writeBytes((ByteBuffer) value);
            case INT -> (value, out) -> out.writeInt((Integer) value);
            case LONG -> (value, out) -> out.writeLong((Long) value);
            case DOUBLE -> (value, out) -> out.writeDouble((Double) value);
            case FLOAT -> (value, out) -> out.writeFloat((Float) value);
            case BOOLEAN -> (value, out) -> out.writeBoolean((Boolean) value);
            case NULL -> (value, out) -> out.writeNull();
            default -> throw new Unsupported(schema);
        };
    }

    /** The conversions of the generated classes: {@code LocalDate} and {@code Instant}. */
    private static ValueWriter logicalWriterOf(Schema schema, LogicalType logical) throws Unsupported {
        if (logical.equals(LogicalTypes.date()) && schema.getType() == Schema.Type.INT) {
            return (value, out) -> out.writeInt((int) ((LocalDate) value).toEpochDay());
        }
        if (logical.equals(LogicalTypes.timestampMillis()) && schema.getType() == Schema.Type.LONG) {
            return (value, out) -> out.writeLong(((Instant) value).toEpochMilli());
        }
        throw new Unsupported(schema);
    }

    private static ValueWriter recordWriterOf(Schema schema) throws Unsupported {
        List<Schema.Field> fields = schema.getFields();
        int[] positions = new int[fields.size()];
        ValueWriter[] writers = new ValueWriter[fields.size()];
        for (int i = 0; i < writers.length; i++) {
            positions[i] = fields.get(i).pos();
            writers[i] = writerOf(fields.get(i).schema());
        }
        return (value, out) -> {
            IndexedRecord record = (IndexedRecord) value;
            for (int i = 0; i < writers.length; i++) {
                writers[i].write(record.get(positions[i]), out);
            }
        };
    }

    private static ValueWriter arrayWriterOf(ValueWriter element) {
        return (value, out) -> {
            Collection<?> items = (Collection<?>) value;
            out.writeArrayStart();
            out.setItemCount(items.size());
            for (Object item : items) {
                out.startItem();
                element.write(item, out);
            }
            out.writeArrayEnd();
        };
    }

    /** A union of null and one other type, in either order. */
    private static ValueWriter nullableWriterOf(Schema union) throws Unsupported {
        List<Schema> types = union.getTypes();
        if (types.size() != 2) {
            throw new Unsupported(union);
        }
        int nullIndex = types.get(0).getType() == Schema.Type.NULL ? 0 : 1;
        int valueIndex = 1 - nullIndex;
        if (types.get(nullIndex).getType() != Schema.Type.NULL
                || types.get(valueIndex).getType() == Schema.Type.NULL) {
            throw new Unsupported(union);
        }
        ValueWriter valueWriter = writerOf(types.get(valueIndex));
        return (value, out) -> {
            if (value == null) {
                out.writeIndex(nullIndex);
                out.writeNull();
            } else {
                out.writeIndex(valueIndex);
                valueWriter.write(value, out);
            }
        };
    }
}
