package dev.digestpipeline.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.metrics.AppMetrics;
import dev.digestpipeline.common.metrics.Health;
import dev.digestpipeline.common.metrics.MetricsServer;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.common.run.AppMain;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.sink.index.AliasedIndex;
import dev.digestpipeline.sink.index.PaperIndex;
import dev.digestpipeline.sink.index.TrendIndex;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Indexes digest.papers and digest.trends into Elasticsearch until stopped (SIGTERM or Ctrl-C stop it cleanly). */
public final class SinkApp implements AppMain.App {
    private static final Logger log = LoggerFactory.getLogger(SinkApp.class);
    static final String USAGE = """
            Usage: sink [options]
              Reads digest.papers and digest.trends and indexes every paper and every trend window in
              Elasticsearch; runs until stopped.
            """ + SinkConfig.SETTINGS.help();

    private final ElasticsearchClient client;
    private final Serde<Paper> papers;
    private final Serde<TagTrend> trends;
    private final KafkaProducer<String, DeadLetter> deadLetters;
    private final DigestIndexer indexer;
    private final Thread thread;
    private final SinkConfig config;
    private final PrometheusMeterRegistry metrics = AppMetrics.create("sink");
    private final List<KafkaClientMetrics> clientMetrics;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private MetricsServer metricsServer;

    public SinkApp(SinkConfig config) throws IOException {
        this.client = config.elasticsearch().client();
        AliasedIndex.ensure(client, config.alias(), PaperIndex.mapping(), config.indexLayout());
        if (!config.trendsTopic().isEmpty()) {
            AliasedIndex.ensure(client, config.trendsAlias(), TrendIndex.mapping(), config.indexLayout());
        }
        createTopics(config);
        this.papers = RegistrySerdes.valueSerde(config.registry());
        this.trends = RegistrySerdes.valueSerde(config.registry());
        Serde<DeadLetter> deadLetterSerde = RegistrySerdes.valueSerde(config.registry());
        this.deadLetters =
                new KafkaProducer<>(producerProperties(config), new StringSerializer(), deadLetterSerde.serializer());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerProperties(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.indexer = new DigestIndexer(
                consumer,
                papers.deserializer(),
                trends.deserializer(),
                new ElasticsearchBulkWriter(client),
                deadLetters,
                config,
                Clock.systemUTC());
        // a supervisor restarts a sink whose indexing stopped (exit status 1): the batch is read again then
        this.thread = new Thread(
                () -> {
                    indexer.run();
                    indexer.failure().ifPresent(e -> failed.complete(e.getMessage()));
                },
                "sink-indexer");
        this.config = config;
        indexer.bindTo(metrics);
        this.clientMetrics = List.of(new KafkaClientMetrics(consumer), new KafkaClientMetrics(deadLetters));
        clientMetrics.forEach(m -> m.bindTo(metrics));
    }

    static Properties consumerProperties(SinkConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
        props.putAll(config.kafka());
        return props;
    }

    static Properties producerProperties(SinkConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        props.putAll(config.kafka());
        return props;
    }

    static void createTopics(SinkConfig config) {
        TopicAdmin.ensure(
                config.bootstrapServers(),
                config.kafka(),
                List.of(Topics.PAPERS_DLQ.newTopic(config.deadLetterTopic(), config.topicLayout(), null)));
    }

    @Override
    public void start() throws IOException {
        if (config.metrics().enabled()) {
            metricsServer = MetricsServer.start("sink", config.metrics(), metrics, this::health);
        }
        thread.start();
    }

    /** Ready while the indexer runs and neither Elasticsearch nor the registry keeps it waiting. */
    Health health() {
        if (!thread.isAlive()) {
            return Health.notReady(indexer.notIndexingBecause().orElse("the indexer is not running"));
        }
        return indexer.notIndexingBecause()
                .map(Health::notReady)
                .orElseGet(() -> Health.ready(indexer.papersIndexed() + " papers indexed"));
    }

    public DigestIndexer indexer() {
        return indexer;
    }

    /** Completes, with why, when indexing stopped by itself. */
    @Override
    public CompletableFuture<String> failed() {
        return failed;
    }

    @Override
    public void close() {
        indexer.stop();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        clientMetrics.forEach(KafkaClientMetrics::close);
        metrics.close();
        deadLetters.close();
        papers.close();
        trends.close();
        try {
            client.close();
        } catch (IOException e) {
            log.warn("closing the Elasticsearch client: {}", e.toString());
        }
    }

    public static void main(String[] args) {
        new AppMain("sink", USAGE, SinkConfig.SETTINGS)
                .runService(args, settings -> Optional.of(SinkConfig.from(settings)), SinkApp::new);
    }
}
