package dev.digestpipeline.ingest;

import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.common.run.AppMain;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.schemas.RawPage;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the named pages to Kafka, then prints a summary. Exit code 1 when any page was not published. */
public final class IngestApp {
    private static final Logger log = LoggerFactory.getLogger(IngestApp.class);
    static final String USAGE = """
            Usage: ingest [options] PAGE...
              PAGE is a file, a folder (every file below it) or an http(s) URL of a digest page.
            """ + IngestConfig.SETTINGS.help();

    private IngestApp() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out) {
        return new AppMain("ingest", USAGE, IngestConfig.SETTINGS)
                .runJob(
                        args,
                        env,
                        out,
                        settings -> {
                            IngestConfig config = IngestConfig.from(settings);
                            if (settings.operands().isEmpty()) {
                                throw new IllegalArgumentException(
                                        "name at least one page: a file, a folder or an http(s) URL");
                            }
                            return Optional.of(config);
                        },
                        (config, settings) -> {
                            IngestSummary summary = publish(config, settings.operands(), out);
                            out.println("ingest: " + summary);
                            return summary.failed().isEmpty() ? 0 : AppMain.FAILED;
                        });
    }

    /** Publishes every page the sources name; what fails is listed in the summary with its reason. */
    public static IngestSummary publish(IngestConfig config, List<String> sources, PrintStream progress) {
        long started = System.nanoTime();
        List<String> failed = new ArrayList<>();
        List<String> pages = PageReader.expandAll(sources, failed);
        ensureTopic(config);
        List<String> published = new ArrayList<>();
        long bytes = 0;
        try (PageFetcher fetcher = new PageFetcher(
                        UserAgent.of(UserAgent.version(), config.contact()),
                        config.maxPageBytes(),
                        config.httpTimeout(),
                        config.httpTimeout());
                Serde<RawPage> serde = RegistrySerdes.valueSerde(config.registry());
                KafkaProducer<String, RawPage> producer =
                        new KafkaProducer<>(producerProperties(config), new StringSerializer(), serde.serializer())) {
            PageReader reader = new PageReader(fetcher, config.kind(), Clock.systemUTC());
            PagePublisher publisher = new PagePublisher(producer, config.topic(), config.maxPageBytes());
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            List<String> sent = new ArrayList<>();
            for (String source : pages) {
                try {
                    RawPage page = reader.read(source);
                    sends.add(publisher.publish(page));
                    sent.add(page.getSourceUri());
                    bytes += page.getContent().remaining();
                    log.debug(
                            "page {} ({} bytes) sent",
                            page.getSourceUri(),
                            page.getContent().remaining());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(source + ": interrupted");
                    break;
                } catch (Exception e) {
                    failed.add(source + ": " + e.getMessage());
                    log.error("page {} not published: {}", source, e.getMessage());
                }
                if (progress != null && (sent.size() % 100 == 0) && !sent.isEmpty()) {
                    progress.println("ingest: " + sent.size() + "/" + pages.size() + " pages sent");
                }
            }
            publisher.flush();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get();
                    published.add(sent.get(i));
                } catch (ExecutionException e) {
                    failed.add(sent.get(i) + ": " + e.getCause().getMessage());
                    log.error(
                            "page {} not published: {}",
                            sent.get(i),
                            e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(sent.get(i) + ": interrupted");
                }
            }
        }
        return new IngestSummary(config.topic(), published, failed, bytes, (System.nanoTime() - started) / 1_000_000);
    }

    static Properties producerProperties(IngestConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "digest-ingest");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRecordBytes());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.putAll(config.kafka());
        return props;
    }

    static void ensureTopic(IngestConfig config) {
        TopicAdmin.ensure(
                config.bootstrapServers(),
                config.kafka(),
                List.of(Topics.PAGES_RAW.newTopic(config.topic(), config.layout(), null)));
    }
}
