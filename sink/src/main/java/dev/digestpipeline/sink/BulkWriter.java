package dev.digestpipeline.sink;

import java.io.IOException;
import java.util.List;

/**
 * What the sink needs of Elasticsearch: one bulk request of versioned index operations. The app passes the official
 * client ({@link ElasticsearchBulkWriter}); tests pass a fake that answers as they need, as kafka-connect-elasticsearch
 * tests its task.
 */
public interface BulkWriter {
    /** One document to index in an alias, at a version; a null document deletes the id at that version. */
    record Operation(String alias, String id, Object document, long version) {}

    /** Elasticsearch's answer for one operation: its HTTP status and, when it failed, the error's type and reason. */
    record ItemResult(int status, String errorType, String reason) {
        public boolean ok() {
            return errorType == null && status / 100 == 2;
        }
    }

    /** Elasticsearch answered the whole request with an error status (401, 403, 413, 429, 5xx ...). */
    final class RequestRejected extends Exception {
        private final int status;

        public RequestRejected(int status, String message) {
            super("HTTP " + status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Sends the operations as one bulk request.
     *
     * @return one result per operation, in their order
     * @throws RequestRejected when Elasticsearch refused the request as a whole
     * @throws IOException when no answer came (connection refused, reset, timed out)
     */
    List<ItemResult> write(List<Operation> operations) throws RequestRejected, IOException;
}
