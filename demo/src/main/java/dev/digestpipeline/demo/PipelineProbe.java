package dev.digestpipeline.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RegistrySerdes;
import dev.digestpipeline.schemas.Topics;
import dev.digestpipeline.sink.PaperDocument;
import java.io.IOException;
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
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Looks at a running pipeline from outside: consumer lag, dead letters, and what Elasticsearch holds. */
public final class PipelineProbe implements AutoCloseable {
    private final String bootstrapServers;
    private final String registryUrl;
    private final String alias;
    private final Admin admin;
    private final ElasticsearchClient es;

    public PipelineProbe(String bootstrapServers, String registryUrl, String elasticsearchUrl, String alias) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.alias = alias;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.es = ElasticsearchClient.of(b -> b.host(elasticsearchUrl));
    }

    /** Messages not yet committed by the group on the topic (0 when the group has caught up). */
    public long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long position = done == null ? 0 : done.offset();
            // a transaction's commit marker takes one offset the consumer may not have passed yet
            lag += Math.max(0, end.getValue().offset() - position);
        }
        return lag;
    }

    /** Waits until enrich and sink have committed everything on their input topics, then refreshes the index. */
    public void awaitCaughtUp(String enrichGroup, String sinkGroup, Duration timeout, Consumer<String> progress) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.now();
        while (true) {
            List<String> internal = repartitionTopics(enrichGroup);
            long enrichLag = lagOrMax(enrichGroup, Topics.PAGES_RAW);
            long mergeLag = lagOf(enrichGroup, internal);
            long sinkLag = lagOrMax(sinkGroup, Topics.PAPERS);
            // with exactly-once, a committed transaction leaves one marker offset after the last record
            if (enrichLag == 0 && mergeLag <= partitionsOf(internal) && sinkLag <= 1
                    && unchangedAfterPause(enrichGroup, internal, mergeLag, sinkGroup, sinkLag)) {
                es.indices().refresh(r -> r.index(alias));
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("pipeline did not catch up within " + timeout.toSeconds()
                        + " s (enrich lag " + enrichLag + ", sink lag " + sinkLag + ")");
            }
            if (Instant.now().isAfter(nextReport)) {
                progress.accept("waiting: enrich lag " + (enrichLag == Long.MAX_VALUE ? "?" : enrichLag)
                        + " pages, sink lag " + (sinkLag == Long.MAX_VALUE ? "?" : sinkLag) + " papers");
                nextReport = Instant.now().plusSeconds(3);
            }
            Thread.sleep(250);
        }
    }

    /** The group's lag summed over the topics (enrich's repartition topics: its stage between parse and merge). */
    private long lagOf(String group, List<String> topics) {
        long lag = 0;
        for (String topic : topics) {
            long one = lagOrMax(group, topic);
            if (one == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            lag += one;
        }
        return lag;
    }

    private long partitionsOf(List<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values().stream().mapToLong(d -> d.partitions().size()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private List<String> repartitionTopics(String enrichGroup) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(enrichGroup + "-") && t.endsWith("-repartition")).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Every record of a topic, read_committed, from the beginning to its current end. */
    public <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> records(String topic) {
        return readAll(topic);
    }

    /** A lag left only by transaction markers stays put; one that is still being worked off moves. */
    private boolean unchangedAfterPause(String enrichGroup, List<String> internal, long mergeLag, String sinkGroup,
                                        long sinkLag) throws InterruptedException {
        Thread.sleep(700);
        return lagOf(enrichGroup, internal) == mergeLag && lagOrMax(sinkGroup, Topics.PAPERS) == sinkLag;
    }

    private long lagOrMax(String group, String topic) {
        try {
            return lag(group, topic);
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    private static Query fromPages(Collection<String> sourcePages) {
        List<FieldValue> values = sourcePages.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field("sourcePages").terms(v -> v.value(values))));
    }

    public long indexedFrom(Collection<String> sourcePages) throws IOException {
        return es.count(c -> c.index(alias).query(fromPages(sourcePages))).count();
    }

    public List<PaperDocument> papersFrom(Collection<String> sourcePages) throws IOException {
        SearchResponse<PaperDocument> response = es.search(s -> s.index(alias).query(fromPages(sourcePages))
                .size(10_000).sort(o -> o.field(f -> f.field("paperId"))), PaperDocument.class);
        return response.hits().hits().stream().map(Hit::source).toList();
    }

    public Map<String, Long> tagHistogram(Collection<String> sourcePages) throws IOException {
        SearchResponse<Void> response = es.search(s -> s.index(alias).size(0).query(fromPages(sourcePages))
                .aggregations("tags", a -> a.terms(t -> t.field("tags").size(50))), Void.class);
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (StringTermsBucket bucket : response.aggregations().get("tags").sterms().buckets().array()) {
            histogram.put(bucket.key().stringValue(), bucket.docCount());
        }
        return histogram;
    }

    public List<String> search(String text, int size) throws IOException {
        SearchResponse<PaperDocument> response = es.search(s -> s.index(alias).size(size)
                .query(q -> q.multiMatch(m -> m.query(text).fields("title^2", "abstractText"))), PaperDocument.class);
        return response.hits().hits().stream().map(h -> h.source().title()).toList();
    }

    /** Dead letters on the topic whose key is one of the given keys, read from the beginning. */
    public List<DeadLetter> deadLetters(String topic, Set<String> keys) {
        List<DeadLetter> letters = new ArrayList<>();
        this.<DeadLetter>readAll(topic).forEach(r -> {
            if (keys.contains(r.key())) {
                letters.add(r.value());
            }
        });
        return letters;
    }

    /** Distinct ids of the papers enrich parsed from the given pages, read from digest.papers. */
    public Set<String> parsedPaperIds(Set<String> sourcePages) {
        Set<String> ids = new java.util.TreeSet<>();
        this.<Paper>readAll(Topics.PAPERS).forEach(r -> {
            if (r.value() != null && r.value().getSourcePages().stream().anyMatch(sourcePages::contains)) {
                ids.add(r.key());
            }
        });
        return ids;
    }

    private <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (Serde<T> serde = RegistrySerdes.valueSerde(registryUrl);
             KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    public static String histogramLine(Map<String, Long> histogram) {
        return histogram.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws IOException {
        admin.close();
        es.close();
    }
}
