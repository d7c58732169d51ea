package dev.digestpipeline.enrich;

import dev.digestpipeline.schemas.AppSettings;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.RegistrySerdes;
import dev.digestpipeline.schemas.TopicAdmin;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the enrich topology until stopped (SIGTERM or Ctrl-C close it cleanly). */
public final class EnrichApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichApp.class);
    static final String USAGE = """
            Usage: enrich [options]
              Reads digest.pages.raw, writes digest.papers and digest.pages.dlq; runs until stopped.
            Options (each also DIGEST_<NAME> in the environment, or a line in --config FILE):
              --bootstrap.servers=HOST:PORT  Kafka (default 127.0.0.1:9092)
              --registry.url=URL             schema registry base URL (default http://127.0.0.1:8081)
              --application.id=ID            Kafka Streams application id (default digest-enrich)
              --partitions=N                 partitions of the topics it creates (default 3)
              --stream.threads=N             (default 1)
              --commit.interval=DURATION     exactly-once commit interval (default 1s)
              --summary.interval=DURATION    how often a summary line is logged (default 30s)
              --state.dir=DIR                Kafka Streams state folder
              --taxonomy=FILE                topic taxonomy (default: the built-in one)
              --topic.pages.raw / --topic.papers / --topic.pages.dlq   topic names
              --config=FILE                  properties file with any of the above
              --help                         this text
            """;

    private final EnrichConfig config;
    private final EnrichCounters counters = new EnrichCounters();
    private final KafkaStreams streams;
    private final ScheduledExecutorService summary = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enrich-summary");
        t.setDaemon(true);
        return t;
    });

    public EnrichApp(EnrichConfig config) {
        this.config = config;
        Serde<RawPage> rawPages = RegistrySerdes.valueSerde(config.registryUrl());
        Serde<Paper> papers = RegistrySerdes.valueSerde(config.registryUrl());
        Serde<DeadLetter> deadLetters = RegistrySerdes.valueSerde(config.registryUrl());
        Clock clock = Clock.systemUTC();
        Topology topology = EnrichTopology.build(config.topics(), rawPages.deserializer(), papers, deadLetters,
                new PageEnricher(config.tagger(), clock), counters, clock);
        this.streams = new KafkaStreams(topology, streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("state {} -> {}", before, now));
    }

    static Properties streamsProperties(EnrichConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // raw pages can be several MiB
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 16 * 1024 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 16 * 1024 * 1024);
        return props;
    }

    /** Creates the topics this app writes (and the input, so it can start before the first page arrives). */
    public static void createTopics(EnrichConfig config) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        short rf = 1;
        try (Admin admin = Admin.create(props)) {
            TopicAdmin.ensure(admin, List.of(
                    new NewTopic(config.topics().pagesRaw(), config.partitions(), rf)
                            .configs(Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024))),
                    new NewTopic(config.topics().papers(), config.partitions(), rf)
                            .configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(config.topics().pagesDlq(), config.partitions(), rf)
                            .configs(Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024)))));
        }
    }

    public void start() {
        createTopics(config);
        streams.start();
        long every = config.summaryInterval().toMillis();
        summary.scheduleAtFixedRate(() -> log.info("summary: {}", counters), every, every, TimeUnit.MILLISECONDS);
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
        streams.close(java.time.Duration.ofSeconds(30));
        log.info("stopped: {}", counters);
    }

    public static void main(String[] args) {
        EnrichConfig config;
        try {
            AppSettings settings = AppSettings.load(args, System.getenv(), EnrichConfig.DEFAULTS);
            if (settings.flag("help")) {
                System.out.print(USAGE);
                return;
            }
            config = EnrichConfig.from(settings);
            log.info("settings: {}", settings.summary());
        } catch (IllegalArgumentException e) {
            System.err.println("enrich: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (EnrichApp app = new EnrichApp(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "enrich-shutdown"));
            app.start();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("enrich failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }
}
