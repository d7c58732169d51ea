package dev.digestpipeline.ops.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.ops.kafka.ConsumerLag;
import dev.digestpipeline.ops.kafka.Offsets;
import dev.digestpipeline.ops.kafka.TopicRecords;
import dev.digestpipeline.ops.search.IndexReads;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.sink.ElasticsearchAccess;
import dev.digestpipeline.sink.index.PaperDocument;
import dev.digestpipeline.sink.index.TrendDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Looks at a running pipeline from outside: consumer lag, dead letters, and what Elasticsearch holds. */
public final class PipelineProbe implements AutoCloseable {
    private final String alias;
    private final String trendsAlias;
    private final Admin admin;
    private final ElasticsearchClient es;
    private final TopicRecords records;

    public PipelineProbe(
            String bootstrapServers, String registryUrl, String elasticsearchUrl, String alias, String trendsAlias) {
        this.alias = alias;
        this.trendsAlias = trendsAlias;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        try {
            this.es = ElasticsearchAccess.anonymous(elasticsearchUrl).client();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only a CA file is read, and the probe names none
        }
        this.records = new TopicRecords(bootstrapServers, registryUrl);
    }

    /**
     * Committed records on the topics that the group has not yet processed, read after its committed offsets; a
     * partition holding a transaction that is not yet resolved counts as one. Zero means the group is done with
     * everything its upstream has committed. Exact under exactly-once, where the transaction markers make a plain
     * offset difference ambiguous.
     */
    public long pending(String group, Collection<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return 0;
        }
        Duration call = Duration.ofSeconds(10);
        Map<TopicPartition, OffsetSpec> latest = Offsets.latestOf(admin, topics, call);
        var highWatermarks = admin.listOffsets(latest).all().get(call.toMillis(), TimeUnit.MILLISECONDS);
        var stableOffsets = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(call.toMillis(), TimeUnit.MILLISECONDS);
        long pending = 0;
        Map<TopicPartition, Long> stableEnds = new LinkedHashMap<>();
        for (TopicPartition partition : latest.keySet()) {
            long stable = stableOffsets.get(partition).offset();
            if (highWatermarks.get(partition).offset() != stable) {
                pending++; // a transaction is open, or its commit marker is not written yet
            }
            stableEnds.put(partition, stable);
        }
        ConsumerLag.Behind behind = ConsumerLag.of(admin, group, stableEnds, topics, call);
        return pending + records.backlog(behind.lagging()).records();
    }

    /** One stage of the pipeline: a consumer group and the topics it reads. */
    private record Stage(String name, String units, String group, Supplier<List<String>> topics) {}

    /**
     * Waits until enrich (both its parse and its merge stage) and the sink have processed everything on their
     * input topics, then refreshes the indices so that searches see every indexed paper and trend window.
     */
    public void awaitCaughtUp(String enrichGroup, String sinkGroup, Duration timeout, Consumer<String> progress)
            throws Exception {
        awaitProcessed(
                List.of(
                        new Stage("enrich", "pages", enrichGroup, () -> List.of(Topics.PAGES_RAW.name())),
                        new Stage("merge", "papers", enrichGroup, () -> repartitionTopics(enrichGroup)),
                        new Stage(
                                "sink",
                                "papers and trends",
                                sinkGroup,
                                () -> List.of(Topics.PAPERS.name(), Topics.TRENDS.name()))),
                timeout,
                progress);
        es.indices().refresh(r -> r.index(alias, trendsAlias));
    }

    /** Waits until enrich, running as the group, has parsed every page on the topic and merged every paper. */
    public void awaitEnrichCaughtUp(String enrichGroup, String pagesTopic, Duration timeout, Consumer<String> progress)
            throws Exception {
        awaitProcessed(
                List.of(
                        new Stage("enrich", "pages", enrichGroup, () -> List.of(pagesTopic)),
                        new Stage("merge", "papers", enrichGroup, () -> repartitionTopics(enrichGroup))),
                timeout,
                progress);
    }

    /**
     * Stages are checked upstream first, so whatever a stage had committed when it was checked is seen by the next
     * stage's check; all of them at zero means everything published so far went through.
     */
    private void awaitProcessed(List<Stage> stages, Duration timeout, Consumer<String> progress) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.now();
        while (true) {
            String state = null;
            for (Stage stage : stages) {
                long pending = pendingOrMax(stage.group(), stage.topics().get());
                if (pending != 0) {
                    state = stage.name() + ": " + count(pending) + " " + stage.units() + " still to process";
                    break;
                }
            }
            if (state == null) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "pipeline did not catch up within " + timeout.toSeconds() + " s: " + state);
            }
            if (Instant.now().isAfter(nextReport)) {
                progress.accept("waiting: " + state);
                nextReport = Instant.now().plusSeconds(3);
            }
            Thread.sleep(250);
        }
    }

    private static String count(long pending) {
        return pending == Long.MAX_VALUE ? "?" : Long.toString(pending);
    }

    private long pendingOrMax(String group, List<String> topics) {
        try {
            return pending(group, topics);
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    private List<String> repartitionTopics(String enrichGroup) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(enrichGroup + "-") && t.endsWith("-repartition"))
                    .sorted()
                    .toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Every record of a topic, read_committed, from the beginning to its current end. */
    public <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> records(String topic) {
        return records.all(topic);
    }

    /** The reader under the probe, for what takes one (a dead-letter replay). */
    public TopicRecords topicRecords() {
        return records;
    }

    private static Query fromPages(Collection<String> sourcePages) {
        List<FieldValue> values = sourcePages.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(PaperDocument.SOURCE_PAGES).terms(v -> v.value(values))));
    }

    public long indexedFrom(Collection<String> sourcePages) throws IOException {
        return es.count(c -> c.index(alias).query(fromPages(sourcePages))).count();
    }

    public List<PaperDocument> papersFrom(Collection<String> sourcePages) throws IOException {
        SearchResponse<PaperDocument> response = es.search(
                s -> s.index(alias)
                        .query(fromPages(sourcePages))
                        .size(10_000)
                        .sort(o -> o.field(f -> f.field(PaperDocument.PAPER_ID))),
                PaperDocument.class);
        return response.hits().hits().stream().map(Hit::source).toList();
    }

    /** Every paper document under the alias (at most 10,000), as indexed; the alias may span several indices. */
    public List<PaperDocument> allPapers() throws IOException {
        es.indices().refresh(r -> r.index(alias));
        SearchResponse<PaperDocument> response = es.search(
                s -> s.index(alias).size(10_000).sort(o -> o.field(f -> f.field(PaperDocument.PAPER_ID))),
                PaperDocument.class);
        return response.hits().hits().stream().map(Hit::source).toList();
    }

    /** Papers under the alias, refreshed first so the count is what a search sees now. */
    public long papersIndexed() throws IOException {
        es.indices().refresh(r -> r.index(alias));
        return es.count(c -> c.index(alias)).count();
    }

    /**
     * Papers a search finds now, without forcing a refresh: what a user sees. 0 while the index does not exist
     * yet (the sink creates it when it starts).
     */
    public long papersSearchable() throws IOException {
        return IndexReads.orNothingYet(0L, () -> es.count(c -> c.index(alias)).count());
    }

    /** For each of the pages, how many of its papers a search finds now (no refresh forced); pages with none left out. */
    public Map<String, Long> searchableByPage(Collection<String> sourcePages) throws IOException {
        if (sourcePages.isEmpty()) {
            return Map.of();
        }
        return IndexReads.orNothingYet(Map.of(), () -> {
            SearchResponse<Void> response = es.search(
                    s -> s.index(alias)
                            .size(0)
                            .query(fromPages(sourcePages))
                            .aggregations(
                                    "pages",
                                    a -> a.terms(t ->
                                            t.field(PaperDocument.SOURCE_PAGES).size(sourcePages.size()))),
                    Void.class);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (StringTermsBucket bucket :
                    response.aggregations().get("pages").sterms().buckets().array()) {
                counts.put(bucket.key().stringValue(), bucket.docCount());
            }
            return counts;
        });
    }

    /** The sum of distinct papers over every indexed day window (no refresh forced); 0 before the index exists. */
    public long dayTrendPapers() throws IOException {
        return IndexReads.orNothingYet(0L, () -> {
            SearchResponse<Void> response = es.search(
                    s -> s.index(trendsAlias)
                            .size(0)
                            .query(q -> q.term(
                                    t -> t.field(TrendDocument.GRANULARITY).value(TrendDocument.DAY)))
                            .aggregations("papers", a -> a.sum(m -> m.field(TrendDocument.DISTINCT_PAPERS))),
                    Void.class);
            return Math.round(response.aggregations().get("papers").sum().value());
        });
    }

    /** Whether a search finds the paper now, without waiting for the next refresh; false before the index exists. */
    public boolean isSearchable(String paperId) throws IOException {
        return IndexReads.orNothingYet(false, () -> {
            es.indices().refresh(r -> r.index(alias));
            return es.count(c -> c.index(alias)
                                    .query(q -> q.term(
                                            t -> t.field(PaperDocument.PAPER_ID).value(paperId))))
                            .count()
                    > 0;
        });
    }

    public Map<String, Long> tagHistogram(Collection<String> sourcePages) throws IOException {
        SearchResponse<Void> response = es.search(
                s -> s.index(alias)
                        .size(0)
                        .query(fromPages(sourcePages))
                        .aggregations(
                                "tags",
                                a -> a.terms(t -> t.field(PaperDocument.TAGS).size(50))),
                Void.class);
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (StringTermsBucket bucket :
                response.aggregations().get("tags").sterms().buckets().array()) {
            histogram.put(bucket.key().stringValue(), bucket.docCount());
        }
        return histogram;
    }

    /** The indexed trend windows of the tag, oldest first. */
    public List<TrendDocument> trends(String tag) throws IOException {
        SearchResponse<TrendDocument> response = es.search(
                s -> s.index(trendsAlias)
                        .size(10_000)
                        .query(q -> q.term(t -> t.field(TrendDocument.TAG).value(tag)))
                        .sort(o -> o.field(f -> f.field(TrendDocument.WINDOW_START))),
                TrendDocument.class);
        return response.hits().hits().stream().map(Hit::source).toList();
    }

    /** Distinct papers per tag in the latest day window indexed, most papers first. */
    public Map<String, Integer> latestDayTrends() throws IOException {
        Query days =
                Query.of(q -> q.term(t -> t.field(TrendDocument.GRANULARITY).value(TrendDocument.DAY)));
        SearchResponse<TrendDocument> latest = es.search(
                s -> s.index(trendsAlias)
                        .size(1)
                        .query(days)
                        .sort(o ->
                                o.field(f -> f.field(TrendDocument.WINDOW_START).order(SortOrder.Desc))),
                TrendDocument.class);
        if (latest.hits().hits().isEmpty()) {
            return Map.of();
        }
        String start = latest.hits().hits().get(0).source().windowStart();
        SearchResponse<TrendDocument> day = es.search(
                s -> s.index(trendsAlias)
                        .size(1000)
                        .query(q -> q.bool(b -> b.filter(days)
                                .filter(f -> f.term(
                                        t -> t.field(TrendDocument.WINDOW_START).value(start)))))
                        .sort(o -> o.field(
                                f -> f.field(TrendDocument.DISTINCT_PAPERS).order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field(TrendDocument.TAG))),
                TrendDocument.class);
        Map<String, Integer> counts = new LinkedHashMap<>();
        day.hits().hits().forEach(h -> counts.put(h.source().tag(), h.source().distinctPapers()));
        return counts;
    }

    public List<String> search(String text, int size) throws IOException {
        SearchResponse<PaperDocument> response = es.search(
                s -> s.index(alias)
                        .size(size)
                        .query(q -> q.multiMatch(m -> m.query(text).fields("title^2", "abstractText"))),
                PaperDocument.class);
        return response.hits().hits().stream().map(h -> h.source().title()).toList();
    }

    /** Dead letters on the topic whose key is one of the given keys, read from the beginning. */
    public List<DeadLetter> deadLetters(String topic, Set<String> keys) {
        List<DeadLetter> letters = new ArrayList<>();
        records.<DeadLetter>all(topic).forEach(r -> {
            if (keys.contains(r.key())) {
                letters.add(r.value());
            }
        });
        return letters;
    }

    /** Distinct ids of the papers enrich parsed from the given pages, read from digest.papers. */
    public Set<String> parsedPaperIds(Set<String> sourcePages) {
        Set<String> ids = new java.util.TreeSet<>();
        records.<Paper>all(Topics.PAPERS.name()).forEach(r -> {
            if (r.value() != null && r.value().getSourcePages().stream().anyMatch(sourcePages::contains)) {
                ids.add(r.key());
            }
        });
        return ids;
    }

    public static String histogramLine(Map<String, ? extends Number> histogram) {
        return histogram.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws IOException {
        records.close();
        admin.close();
        es.close();
    }
}
