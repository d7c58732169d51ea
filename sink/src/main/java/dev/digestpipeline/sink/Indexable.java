package dev.digestpipeline.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record and the document it becomes in one of the aliases, with the version it is written at: Elasticsearch
 * keeps a document's highest version ({@code external_gte}), so an older revision read late (a replay, a rebalance,
 * an offset reset) never replaces a newer one, and the same revision again is a harmless rewrite. A null document
 * deletes the one with that id.
 */
record Indexable(
        ConsumerRecord<byte[], byte[]> record,
        String alias,
        String id,
        Object document,
        long version,
        int bytes,
        Instant fetchedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Indexable(ConsumerRecord<byte[], byte[]> record, String alias, String id, Object document, long version) {
        this(record, alias, id, document, version, jsonSize(document), null);
    }

    /** {@code fetchedAt}: when the page that made this revision was fetched, for the fetch-to-index time. */
    Indexable withFetchedAt(Instant fetchedAt) {
        return new Indexable(record, alias, id, document, version, bytes, fetchedAt);
    }

    /** The operation the bulk request carries for it. */
    BulkWriter.Operation operation() {
        return new BulkWriter.Operation(alias, id, document, version);
    }

    /** The document's size as JSON, near what the bulk request carries for it. */
    static int jsonSize(Object document) {
        if (document == null) {
            return 0;
        }
        try {
            return JSON.writeValueAsBytes(document).length;
        } catch (JsonProcessingException e) {
            return 0;
        }
    }
}
