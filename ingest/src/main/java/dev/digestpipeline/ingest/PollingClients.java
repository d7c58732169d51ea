package dev.digestpipeline.ingest;

import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.ingest.fetch.HostGate;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.state.SourceStateStore;
import dev.digestpipeline.schemas.RawPage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What polling needs, made from the poller's settings and closed together: the fetcher (User-Agent, limits), the
 * page producer, the state store and a polite poller. The poller service and the backfill share it, so both treat
 * the sites and Kafka the same way.
 */
final class PollingClients implements AutoCloseable {
    private final PollerConfig config;
    private final Clock clock;
    private final PageFetcher fetcher;
    private final Serde<RawPage> serde;
    private final KafkaProducer<String, RawPage> producer;
    private final SourceStateStore store;
    private final FeedPoller poller;

    PollingClients(PollerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        IngestConfig ingest = config.ingest();
        IngestApp.ensureTopic(ingest);
        fetcher = new PageFetcher(userAgent(), ingest.maxPageBytes(), ingest.httpTimeout(), ingest.httpTimeout());
        serde = RegistrySerdes.valueSerde(ingest.registry());
        producer =
                new KafkaProducer<>(IngestApp.producerProperties(ingest), new StringSerializer(), serde.serializer());
        store = new SourceStateStore(
                ingest.bootstrapServers(), ingest.registry(), config.stateTopic(), ingest.layout(), ingest.kafka());
        poller = new FeedPoller(
                fetcher,
                new HostGate(config.arxivHostGap(), config.hostGap()),
                new SplittableRandom(),
                clock,
                d -> Thread.sleep(d.toMillis()),
                PaperCounter::count);
    }

    String userAgent() {
        return UserAgent.of(UserAgent.version(), config.ingest().contact());
    }

    SourceStateStore store() {
        return store;
    }

    /** A loop over these sources, with every state read back from the state topic. */
    PollingLoop loop(List<Source> sources) {
        IngestConfig ingest = config.ingest();
        return new PollingLoop(
                sources, poller, new PagePublisher(producer, ingest.topic(), ingest.maxPageBytes()), store, clock);
    }

    /** The page producer's own metrics (sends, errors, batch sizes, request latency), to bind to the app's. */
    io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics producerMetrics() {
        return new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(producer);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        serde.close();
        store.close();
        fetcher.close();
    }
}
