package dev.digestpipeline.sink;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryFailures;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.sink.index.PaperDocument;
import dev.digestpipeline.sink.index.TrendDocument;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A record of digest.papers or digest.trends as the document it becomes (as kafka-connect-elasticsearch's
 * DataConverter): ids and versions come from the records, so replays change nothing.
 */
final class DocumentConverter {
    /** A record whose value is not what its topic carries: a dead letter. */
    static final class UnreadableRecord extends RuntimeException {
        UnreadableRecord(String message) {
            super(message);
        }
    }

    /** The schema registry did not answer while a record was read: the record is not at fault. */
    static final class RegistryUnavailable extends RuntimeException {
        RegistryUnavailable(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Deserializer<Paper> papers;
    private final Deserializer<TagTrend> trends;
    private final SinkConfig config;

    DocumentConverter(Deserializer<Paper> papers, Deserializer<TagTrend> trends, SinkConfig config) {
        this.papers = papers;
        this.trends = trends;
        this.config = config;
    }

    /**
     * The document a record becomes; null for a tombstone that leaves nothing to index.
     *
     * @throws UnreadableRecord when the value is not what its topic carries
     * @throws RegistryUnavailable when the registry did not answer
     */
    Indexable convert(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(config.papersTopic())) {
            if (record.value() == null) {
                return retirement(record);
            }
            Paper paper = read(papers, "Paper", record);
            return paper == null
                    ? null
                    : new Indexable(
                                    record,
                                    config.alias(),
                                    paper.getPaperId(),
                                    PaperDocument.of(paper),
                                    paper.getRevision())
                            .withFetchedAt(paper.getLastSeenAt());
        }
        TagTrend trend = read(trends, "TagTrend", record);
        if (trend == null) {
            return null;
        }
        TrendDocument doc = TrendDocument.of(trend);
        return new Indexable(record, config.trendsAlias(), doc.id(), doc, TrendDocument.version(trend));
    }

    /**
     * A tombstone of digest.papers: enrich retired a {@code title:} id that turned out to be a paper with an arXiv
     * id. Its document is deleted at the revision the tombstone carries, so that an earlier revision read late does
     * not bring it back. A tombstone without a revision, or without a key, is not enrich's: nothing to do.
     */
    private Indexable retirement(ConsumerRecord<byte[], byte[]> record) {
        Header revision = record.headers().lastHeader(Topics.REVISION_HEADER);
        if (record.key() == null || revision == null) {
            return null;
        }
        try {
            long version = Long.parseLong(new String(revision.value(), StandardCharsets.UTF_8));
            return new Indexable(
                    record, config.alias(), new String(record.key(), StandardCharsets.UTF_8), null, version);
        } catch (NumberFormatException e) {
            throw new UnreadableRecord("tombstone with a " + Topics.REVISION_HEADER + " header that is no number");
        }
    }

    private static <T> T read(Deserializer<T> deserializer, String type, ConsumerRecord<byte[], byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            if (RegistryFailures.isUnavailable(e)) {
                throw new RegistryUnavailable(e);
            }
            throw new UnreadableRecord("value is not a " + type + " the registry knows: " + e.getMessage());
        }
    }
}
