package dev.digestpipeline.sink.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.io.IOException;

/**
 * An index behind an alias: a template with the explicit mapping for {@code <alias>-*}, and a first index that
 * the alias points at, so a later reindex can swap indices without users changing their queries; shards and
 * replicas from {@link IndexLayout}. Idempotent: run at every start.
 */
public final class AliasedIndex {
    private AliasedIndex() {}

    public static void ensure(ElasticsearchClient client, String alias, TypeMapping mapping, IndexLayout layout)
            throws IOException {
        String shards = Integer.toString(layout.shards());
        String replicas = Integer.toString(layout.replicas());
        client.indices()
                .putIndexTemplate(t -> t.name(alias + "-template")
                        .indexPatterns(alias + "-*")
                        .template(
                                tm -> tm.settings(s -> s.numberOfShards(shards).numberOfReplicas(replicas))
                                        .mappings(mapping)));
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            client.indices().create(c -> c.index(alias + "-000001").aliases(alias, a -> a.isWriteIndex(true)));
        } else {
            // an index made by an older release gets the fields added since (adding fields is always allowed), and
            // the replicas now asked for (its shards are fixed at creation)
            client.indices().putMapping(m -> m.index(alias).properties(mapping.properties()));
            client.indices().putSettings(p -> p.index(alias).settings(s -> s.numberOfReplicas(replicas)));
        }
    }
}
