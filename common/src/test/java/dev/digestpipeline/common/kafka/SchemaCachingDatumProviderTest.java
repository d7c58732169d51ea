package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.TagTrend;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaCachingDatumProviderTest {
    private final SchemaCachingDatumProvider<SpecificRecord> provider = new SchemaCachingDatumProvider<>();

    @Test
    void recordsOfOneSchemaShareOneWriter() {
        assertSame(
                provider.createDatumWriter(new Paper(), Paper.getClassSchema()),
                provider.createDatumWriter(new Paper(), Paper.getClassSchema()));
    }

    @Test
    void eachSchemaHasItsOwnWriter() {
        assertNotSame(
                provider.createDatumWriter(new Paper(), Paper.getClassSchema()),
                provider.createDatumWriter(new TagTrend(), TagTrend.getClassSchema()));
    }

    @Test
    void specificRecordsGetASpecificWriter() {
        assertInstanceOf(SpecificDatumWriter.class, provider.createDatumWriter(new Paper(), Paper.getClassSchema()));
    }

    @Test
    void readersAreCachedByWriterSchema() {
        provider.setUseSpecificAvroReader(true);
        assertInstanceOf(SpecificDatumReader.class, provider.createDatumReader(Paper.getClassSchema()));
        assertSame(
                provider.createDatumReader(Paper.getClassSchema()), provider.createDatumReader(Paper.getClassSchema()));
    }

    @Test
    void anEqualSchemaOfAnotherInstanceGetsTheSameReader() {
        Schema other = new Schema.Parser().parse(Paper.getClassSchema().toString());
        assertNotSame(Paper.getClassSchema(), other);
        DatumReader<SpecificRecord> reader = provider.createDatumReader(Paper.getClassSchema());
        assertSame(reader, provider.createDatumReader(other));
        assertSame(reader, provider.createDatumReader(other));
        assertSame(reader, provider.createDatumReader(Paper.getClassSchema()));
    }

    @Test
    void readersOfTwoSchemasTakenInTurnStayApart() {
        DatumReader<SpecificRecord> papers = provider.createDatumReader(Paper.getClassSchema());
        DatumReader<SpecificRecord> trends = provider.createDatumReader(TagTrend.getClassSchema());
        assertNotSame(papers, trends);
        assertSame(papers, provider.createDatumReader(Paper.getClassSchema()));
        assertSame(trends, provider.createDatumReader(TagTrend.getClassSchema()));
    }
}
