package dev.digestpipeline.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.List;

/** Bulk requests through the official Elasticsearch Java client, with external_gte versions. */
final class ElasticsearchBulkWriter implements BulkWriter {
    private final ElasticsearchClient client;

    ElasticsearchBulkWriter(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<ItemResult> write(List<Operation> operations) throws RequestRejected, IOException {
        List<BulkOperation> ops = operations.stream()
                .map(o -> o.document() == null
                        ? BulkOperation.of(b -> b.delete(d -> d.index(o.alias())
                                .id(o.id())
                                .version(o.version())
                                .versionType(VersionType.ExternalGte)))
                        : BulkOperation.of(b -> b.index(i -> i.index(o.alias())
                                .id(o.id())
                                .version(o.version())
                                .versionType(VersionType.ExternalGte)
                                .document(o.document()))))
                .toList();
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(ops));
        } catch (ElasticsearchException e) {
            throw new RequestRejected(e.status(), e.getMessage());
        } catch (TransportException e) {
            if (e.statusCode() > 0) {
                throw new RequestRejected(e.statusCode(), e.getMessage());
            }
            throw new IOException(e.getMessage(), e);
        }
        return response.items().stream()
                .map(item -> item.error() == null
                        ? new ItemResult(item.status(), null, null)
                        : new ItemResult(
                                item.status(), item.error().type(), item.error().reason()))
                .toList();
    }
}
