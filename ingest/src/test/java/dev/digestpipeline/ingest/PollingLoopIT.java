package dev.digestpipeline.ingest;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.ingest.fetch.HostGate;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.ingest.poll.FeedPoller;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceKind;
import dev.digestpipeline.ingest.state.SourceStateStore;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The polling loop on the real broker and registry, reading a feed from a local HTTP server. */
@ExtendWith(LocalStackExtension.class)
class PollingLoopIT {
    private static final byte[] FEED =
            "<rss version=\"2.0\"><channel><title>cs.CL</title></channel></rss>".getBytes(StandardCharsets.UTF_8);

    @Test
    void aNewPageIsPublishedOnceAndARestartedLoopPollsConditionally(LocalStack stack) throws Exception {
        List<String> validators = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/robots.txt", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/rss/cs.CL", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            validators.add(String.valueOf(sent));
            if ("\"1\"".equals(sent)) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"1\"");
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, FEED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(FEED);
            }
        });
        server.start();
        String run = UUID.randomUUID().toString();
        IngestConfig config = IngestConfig.of(Map.of(
                BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers(),
                REGISTRY_URL.envName(), stack.registryUrl(),
                IngestConfig.TOPIC.envName(), "digest.pages.raw." + run));
        IngestApp.ensureTopic(config);
        Source feed = new Source(
                SourceKind.ARXIV_RSS,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rss/cs.CL"),
                Duration.ofHours(1));
        try (Serde<RawPage> serde = Topics.PAGES_RAW.valueSerde(stack.registryUrl());
                KafkaProducer<String, RawPage> producer = new KafkaProducer<>(
                        IngestApp.producerProperties(config), new StringSerializer(), serde.serializer());
                PageFetcher fetcher = new PageFetcher(
                        UserAgent.of("it", "it@example.org"), 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5));
                SourceStateStore store = new SourceStateStore(
                        stack.bootstrapServers(),
                        RegistryAccess.anonymous(stack.registryUrl()),
                        "digest.sources.state." + run,
                        TopicLayout.DEFAULTS,
                        Map.of())) {
            PagePublisher publisher = new PagePublisher(producer, config.topic(), config.maxPageBytes());
            PollingLoop first = loop(feed, fetcher, publisher, store, Clock.systemUTC());
            assertEquals(new PollingLoop.Round(1, 1, 0), first.pollDue());
            assertEquals(new PollingLoop.Round(0, 0, 0), first.pollDue());

            // a restart two hours later: the state comes back from Kafka and the poll is conditional
            PollingLoop restarted =
                    loop(feed, fetcher, publisher, store, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
            assertEquals("\"1\"", restarted.state(feed).etag());
            assertEquals(new PollingLoop.Round(1, 0, 0), restarted.pollDue());
            assertEquals(304, restarted.state(feed).lastStatus());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("null", "\"1\""), validators);
        List<RawPage> published = read(stack, config.topic());
        assertEquals(1, published.size());
        assertEquals(feed.url().toString(), published.get(0).getSourceUri());
        assertEquals("application/rss+xml", published.get(0).getContentType());
        ByteBuffer content = published.get(0).getContent();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        assertArrayEquals(FEED, bytes);
    }

    private static PollingLoop loop(
            Source feed, PageFetcher fetcher, PagePublisher publisher, SourceStateStore store, Clock clock) {
        FeedPoller poller = new FeedPoller(
                fetcher,
                new HostGate(Duration.ofMillis(100), Duration.ofMillis(100)),
                new SplittableRandom(7),
                clock,
                d -> Thread.sleep(d.toMillis()));
        return new PollingLoop(List.of(feed), poller, publisher, store, clock);
    }

    private static List<RawPage> read(LocalStack stack, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        List<RawPage> pages = new ArrayList<>();
        try (Serde<RawPage> serde = Topics.PAGES_RAW.valueSerde(stack.registryUrl());
                KafkaConsumer<String, RawPage> consumer =
                        new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RawPage> record : consumer.poll(Duration.ofMillis(200))) {
                    pages.add(record.value());
                }
            }
        }
        return pages;
    }
}
