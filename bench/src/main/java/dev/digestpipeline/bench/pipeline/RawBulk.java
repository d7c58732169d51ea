package dev.digestpipeline.bench.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.sink.ElasticsearchAccess;
import dev.digestpipeline.sink.SinkConfig;
import dev.digestpipeline.sink.index.PaperDocument;
import dev.digestpipeline.sink.index.PaperIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The ceiling of this Elasticsearch: the papers' documents sent straight to {@code _bulk}, by concurrent clients. */
final class RawBulk {
    /**
     * The raw {@code _bulk} curve doubles its clients from one to 8, and past 8 goes on doubling, up to this many,
     * while the rate still rises by {@link #BULK_RISE}.
     */
    static final int BULK_CLIENTS_AT_MOST = 32;

    static final double BULK_RISE = 1.05;

    private final String elasticsearchUrl;
    private final String run;

    RawBulk(String elasticsearchUrl, String run) {
        this.elasticsearchUrl = elasticsearchUrl;
        this.run = run;
    }

    /**
     * The papers' documents into an index of their own by requests of the sink's default batch size, sent by that
     * many clients at once, each with a connection of its own, taking the next batch as it finishes one.
     */
    void send(List<Paper> parsed, int clients) throws Exception {
        String index = run + "-raw-bulk-" + clients;
        int batch = Integer.parseInt(SinkConfig.BATCH_SIZE.defaultValue());
        List<List<BulkOperation>> batches = new ArrayList<>();
        for (int from = 0; from < parsed.size(); from += batch) {
            List<BulkOperation> operations = new ArrayList<>();
            for (Paper paper : parsed.subList(from, Math.min(parsed.size(), from + batch))) {
                PaperDocument doc = PaperDocument.of(paper);
                operations.add(BulkOperation.of(
                        b -> b.index(i -> i.index(index).id(doc.paperId()).document(doc))));
            }
            batches.add(operations);
        }
        try (ElasticsearchClient es =
                ElasticsearchAccess.anonymous(elasticsearchUrl).client()) {
            es.indices().create(c -> c.index(index).mappings(PaperIndex.mapping()));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> sending = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                sending.add(pool.submit(() -> {
                    try (ElasticsearchClient es =
                            ElasticsearchAccess.anonymous(elasticsearchUrl).client()) {
                        for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                            List<BulkOperation> operations = batches.get(b);
                            BulkResponse response = es.bulk(r -> r.operations(operations));
                            if (response.errors()) {
                                throw new IOException("raw _bulk had item errors: "
                                        + response.items().get(0).error());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> client : sending) {
                client.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        try (ElasticsearchClient es =
                ElasticsearchAccess.anonymous(elasticsearchUrl).client()) {
            es.indices().refresh(r -> r.index(index));
        }
    }
}
