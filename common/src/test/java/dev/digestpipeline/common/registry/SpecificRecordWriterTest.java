package dev.digestpipeline.common.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.PollState;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.ReplayedLetter;
import dev.digestpipeline.schemas.TagTrend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecificRecordWriterTest {
    private final Random random = new Random(7);

    @ParameterizedTest
    @ValueSource(
            classes = {
                Paper.class,
                RawPage.class,
                DeadLetter.class,
                TagTrend.class,
                PollState.class,
                ReplayedLetter.class
            })
    void writesTheBytesAvrosWriterWritesForEveryRecordOfOurSchemas(Class<? extends SpecificRecord> type)
            throws IOException {
        Schema schema = SpecificData.get().getSchema(type);
        DatumWriter<SpecificRecord> ours = SpecificRecordWriter.of(schema).orElseThrow();
        SpecificDatumWriter<SpecificRecord> avros = new SpecificDatumWriter<>(schema);
        for (int n = 0; n < 300; n++) {
            SpecificRecord record = (SpecificRecord) randomValue(schema);
            assertArrayEquals(bytes(avros, record), bytes(ours, record), () -> "record " + record);
        }
    }

    @Test
    void aSchemaWithATypeItDoesNotCoverIsLeftToAvrosWriter() {
        Schema withEnum = SchemaBuilder.record("R")
                .fields()
                .name("kind")
                .type()
                .enumeration("Kind")
                .symbols("A", "B")
                .noDefault()
                .endRecord();
        Schema withMap = SchemaBuilder.record("R")
                .fields()
                .name("counts")
                .type()
                .map()
                .values()
                .intType()
                .noDefault()
                .endRecord();
        Schema withUnionOfTwoTypes = SchemaBuilder.record("R")
                .fields()
                .name("either")
                .type()
                .unionOf()
                .intType()
                .and()
                .stringType()
                .endUnion()
                .noDefault()
                .endRecord();
        Schema withDecimal = SchemaBuilder.record("R")
                .fields()
                .name("price")
                .type(org.apache.avro.LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES)))
                .noDefault()
                .endRecord();
        for (Schema schema :
                List.of(withEnum, withMap, withUnionOfTwoTypes, withDecimal, Schema.create(Schema.Type.STRING))) {
            assertTrue(SpecificRecordWriter.of(schema).isEmpty(), schema::toString);
        }
    }

    @Test
    void aNullWhereTheSchemaTakesNoneFailsTheRecord() {
        Paper paper = (Paper) randomValue(Paper.getClassSchema());
        paper.setTitle(null);
        DatumWriter<SpecificRecord> ours =
                SpecificRecordWriter.of(Paper.getClassSchema()).orElseThrow();
        assertThrows(NullPointerException.class, () -> bytes(ours, paper));
    }

    private static byte[] bytes(DatumWriter<SpecificRecord> writer, SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A value of the schema: nulls, empty and long lists, text outside ASCII, extreme numbers. */
    private Object randomValue(Schema schema) {
        if (schema.getLogicalType() != null) {
            return switch (schema.getLogicalType().getName()) {
                case "date" -> LocalDate.ofEpochDay(random.nextInt(40_000) - 20_000);
                case "timestamp-millis" -> Instant.ofEpochMilli(random.nextLong() >> 20);
                default -> throw new IllegalArgumentException(schema.toString());
            };
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), randomValue(field.schema()));
                }
                yield record;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4) == 0 ? 0 : random.nextInt(70); i > 0; i--) {
                    items.add(randomValue(schema.getElementType()));
                }
                yield random.nextBoolean() ? items : List.copyOf(items);
            }
            case UNION ->
                random.nextInt(3) == 0
                        ? null
                        : randomValue(schema.getTypes().stream()
                                .filter(t -> t.getType() != Schema.Type.NULL)
                                .findFirst()
                                .orElseThrow());
            case STRING ->
                List.of("", "a", "Schrödinger's 𝔼[x]", "x".repeat(random.nextInt(300)))
                        .get(random.nextInt(4));
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield ByteBuffer.wrap(bytes);
            }
            case INT ->
                List.of(0, -1, 63, 64, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt())
                        .get(random.nextInt(7));
            case LONG ->
                List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong())
                        .get(random.nextInt(5));
            case DOUBLE ->
                List.of(0.0, -0.5, Double.NaN, Double.MAX_VALUE, random.nextDouble())
                        .get(random.nextInt(5));
            case BOOLEAN -> random.nextBoolean();
            default -> throw new IllegalArgumentException(schema.toString());
        };
    }
}
