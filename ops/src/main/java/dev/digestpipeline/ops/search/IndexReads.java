package dev.digestpipeline.ops.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;

/** Reads of an index that the sink may not have created yet: before it does, they find nothing, not an error. */
public final class IndexReads {
    /** A read of Elasticsearch. */
    public interface Read<T> {
        T run() throws IOException;
    }

    private IndexReads() {}

    /** The read's answer; {@code nothing} while its index does not exist (404). */
    public static <T> T orNothingYet(T nothing, Read<T> read) throws IOException {
        try {
            return read.run();
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
            return nothing;
        }
    }
}
