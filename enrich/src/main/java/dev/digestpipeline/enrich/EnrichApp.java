package dev.digestpipeline.enrich;

import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.metrics.AppMetrics;
import dev.digestpipeline.common.metrics.Health;
import dev.digestpipeline.common.metrics.MetricsServer;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.common.run.AppMain;
import dev.digestpipeline.enrich.errors.DeadLetterExceptionHandler;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.TopicTagger;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the enrich topology until stopped (SIGTERM or Ctrl-C close it cleanly). */
public final class EnrichApp implements AppMain.App {
    private static final Logger log = LoggerFactory.getLogger(EnrichApp.class);
    static final String USAGE = """
            Usage: enrich [options]
              Reads digest.pages.raw; writes digest.papers (merged), digest.papers.by-tag, digest.papers.area.AREA,
              digest.trends, digest.pages.dlq and digest.papers.dlq; runs until stopped.
            """ + EnrichConfig.SETTINGS.help();

    private final EnrichConfig config;
    private final EnrichCounters counters = new EnrichCounters();
    private final KafkaStreams streams;
    private final Topology topology;
    private final List<String> areas;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final PrometheusMeterRegistry metrics = AppMetrics.create("enrich");
    private final KafkaStreamsMetrics streamsMetrics;
    private MetricsServer metricsServer;
    private final ScheduledExecutorService summary = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enrich-summary");
        t.setDaemon(true);
        return t;
    });

    public EnrichApp(EnrichConfig config) {
        this.config = config;
        EnrichTopology.EnrichSerdes serdes = registrySerdes(config);
        TopicTagger tagger = config.tagger();
        this.areas = tagger.taxonomy().areaNames();
        this.topology = new EnrichTopology(config, serdes, tagger, counters, Clock.systemUTC()).build();
        this.streams = new KafkaStreams(topology, streamsProperties(config, serdes.deadLetters()));
        counters.bindTo(metrics);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        streams.setUncaughtExceptionHandler(
                new ThreadReplacements(config.streams().threadReplacements(), Clock.systemUTC()));
        streams.setStateListener((now, before) -> {
            log.info("state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                failed.complete("Kafka Streams reached ERROR (see the errors above)");
            }
        });
    }

    static EnrichTopology.EnrichSerdes registrySerdes(EnrichConfig config) {
        Serde<RawPage> rawPages = RegistrySerdes.valueSerde(config.registry());
        Serde<Paper> papers = new FanOutSerde<>(RegistrySerdes.valueSerde(config.registry()));
        Serde<DeadLetter> deadLetters = RegistrySerdes.valueSerde(config.registry());
        Serde<TagTrend> trends = RegistrySerdes.valueSerde(config.registry());
        return new EnrichTopology.EnrichSerdes(rawPages.deserializer(), papers, deadLetters, trends);
    }

    public Topology topology() {
        return topology;
    }

    /** The stream threads' producers' batch size (the Kafka default is 16 KiB). */
    static final int PRODUCER_BATCH_BYTES = 256 * 1024;

    /** The most a stream thread's consumer fetches at once, unless one record is larger. */
    public static final int FETCH_BYTES = 448 * 1024;

    static Properties streamsProperties(EnrichConfig config, Serde<DeadLetter> deadLetters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a task processes what it has, not waiting for its other partitions: the identity and merge tasks read two
        // repartition topics each, and their stores make the result the same in any order. With the default (0),
        // Streams wrote a log text it never logged for each record while one of them was empty (papers from
        // titles, mostly): 4 % of enrich's CPU time
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streams().streamThreads());
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                config.streams().commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.streams().stateDir().toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.streams().standbyReplicas());
        TopicLayout layout = config.creation().layout();
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) layout.replicationFactor());
        layout.topicConfigs().forEach((name, value) -> props.put(StreamsConfig.topicPrefix(name), value));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(
                DeadLetterExceptionHandler.PAGES_SOURCE_CONFIG, config.topics().pagesRaw());
        props.put(DeadLetterExceptionHandler.PAGES_DLQ_CONFIG, config.topics().pagesDlq());
        props.put(DeadLetterExceptionHandler.PAPERS_DLQ_CONFIG, config.topics().papersDlq());
        props.put(
                DeadLetterExceptionHandler.PAPERS_OUTPUT_CONFIG, config.topics().papers());
        props.put(DeadLetterExceptionHandler.SERIALIZER_CONFIG, deadLetters.serializer());
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A fetch response is one array on the heap, and one over half a G1 region (512 KiB at -Xmx512m) is a
        // humongous object: each such allocation started a concurrent GC cycle (48 of 66 in a 'bench pipeline'
        // run, when responses of up to 21 MiB came). A record larger than this (a page of several MiB) still
        // comes, alone: Kafka returns the first batch of a fetch whatever its size.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), FETCH_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), FETCH_BYTES);
        // lz4: every merged paper goes out a dozen times (papers, by tag, by area, changelog, repartition), each
        // compressed on the stream thread, and zstd (level 1) measured no faster per core in 'bench pipeline'
        // (git log --grep=zstd); no compression cost more, in network threads and the collector
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // 256 KiB batches, not the producer's 16: that many go to some 60 partitions each commit, and with 16 KiB
        // (8 merged papers) the producers' network threads took a quarter of enrich's CPU time closing batches;
        // with 256 KiB, 7 % ('./digest bench pipeline --papers 20000'). The partitions hold ~15 MiB in batches.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 16 * 1024 * 1024);
        // Kafka Streams hands unprefixed client settings (security, timeouts) to all of its clients
        props.putAll(config.kafka());
        return props;
    }

    /** Creates the topics this app reads and writes, so it can start before the first page arrives. */
    public static void createTopics(EnrichConfig config, List<String> areas) {
        TopicLayout layout = config.creation().layout();
        EnrichConfig.TopicNames topics = config.topics();
        List<NewTopic> all = new ArrayList<>(List.of(
                Topics.PAGES_RAW.newTopic(topics.pagesRaw(), layout, null),
                Topics.PAPERS.newTopic(topics.papers(), layout, null),
                Topics.PAGES_DLQ.newTopic(topics.pagesDlq(), layout, null),
                Topics.PAPERS_DLQ.newTopic(topics.papersDlq(), layout, null),
                Topics.PAPERS_BY_TAG.newTopic(
                        topics.papersByTag(), layout, config.creation().routedRetention()),
                Topics.TRENDS.newTopic(
                        topics.trends(), layout, config.creation().trendRetention())));
        for (String area : areas) {
            all.add(Topics.AREA.newTopic(
                    topics.areaTopic(area), layout, config.creation().routedRetention()));
        }
        TopicAdmin.ensure(config.bootstrapServers(), config.kafka(), all);
    }

    @Override
    public void start() throws IOException {
        createTopics(config, areas);
        log.info("topology:\n{}", topology.describe());
        if (config.metrics().enabled()) {
            metricsServer = MetricsServer.start("enrich", config.metrics(), metrics, this::health);
        }
        streams.start();
        long every = config.summaryInterval().toMillis();
        ScheduledFuture<?> unused = summary.scheduleAtFixedRate(
                () -> log.info("summary: {}", counters), every, every, TimeUnit.MILLISECONDS);
    }

    /** Completes, with why, when the app cannot go on by itself (Streams reached ERROR). */
    @Override
    public CompletableFuture<String> failed() {
        return failed;
    }

    /** Ready while Kafka Streams runs or rebalances; not before it started, nor once it failed or stopped. */
    Health health() {
        KafkaStreams.State state = streams.state();
        String detail = "Kafka Streams " + state;
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Health.ready(detail)
                : Health.notReady(detail);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public EnrichCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        summary.shutdownNow();
        // leave the group so a restarted or remaining instance gets the partitions now, not after the session timeout
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(java.time.Duration.ofSeconds(30)));
        log.info("stopped: {}", counters);
        if (metricsServer != null) {
            metricsServer.close();
        }
        streamsMetrics.close();
        metrics.close();
    }

    public static void main(String[] args) {
        new AppMain("enrich", USAGE, EnrichConfig.SETTINGS)
                .runService(
                        args,
                        settings -> {
                            EnrichConfig config = EnrichConfig.from(settings);
                            if (settings.flag("describe")) {
                                System.out.print(describe(config));
                                return Optional.empty();
                            }
                            return Optional.of(config);
                        },
                        EnrichApp::new);
    }

    /** The topology the settings build, as {@code --describe} prints it. */
    static String describe(EnrichConfig config) {
        return new EnrichTopology(
                        config, registrySerdes(config), config.tagger(), new EnrichCounters(), Clock.systemUTC())
                .build()
                .describe()
                .toString();
    }
}
