package dev.digestpipeline.cli;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.stack.LocalStack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fault suite's load: a page every few hundred milliseconds, each listing 4 papers of a pool of 200 with the
 * page's number as their upvotes, so every paper's upvotes and revision keep climbing; every 25th page is broken
 * JSON, which must end as a dead letter. It keeps what Kafka acknowledged as the truth to check the pipeline
 * against: per paper, how many pages listed it and its highest upvotes.
 */
final class FaultLoad implements AutoCloseable {
    static final int POOL = 200;
    static final int PAPERS_PER_PAGE = 4;
    static final int BAD_EVERY = 25;

    /** What the load published of one paper. */
    record Truth(int pages, int upvotes) {
        Truth plus(Truth other) {
            return new Truth(pages + other.pages, Math.max(upvotes, other.upvotes));
        }
    }

    private final String run;
    private final Duration every;
    private final Serde<RawPage> serde;
    private final KafkaProducer<String, RawPage> producer;
    private final Map<String, Truth> truth = new ConcurrentHashMap<>();
    private final Set<String> badPages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger goodPages = new AtomicInteger();
    private final AtomicInteger sendFailures = new AtomicInteger();
    private final AtomicInteger markers = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    FaultLoad(LocalStack stack, String run, Duration every) {
        this.run = run;
        this.every = every;
        this.serde = RegistrySerdes.valueSerde(stack.registryUrl());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a page waits out a broker restart instead of failing
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                Duration.ofMinutes(10).toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(10).toMillis());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer());
    }

    void start() {
        running = true;
        thread = new Thread(
                () -> {
                    for (int page = 0; running; page++) {
                        publish(page);
                        try {
                            Thread.sleep(every.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "fault-load");
        thread.start();
    }

    /** Publishes a page listing one new paper, and gives its id. */
    String marker() {
        String id = String.format(Locale.ROOT, "2512.%05d", markers.incrementAndGet());
        String uri = "https://faults.example/" + run + "/marker-" + id;
        send(uri, json(List.of(id), 1), Map.of(id, new Truth(1, 1)));
        return id;
    }

    private void publish(int page) {
        if (page % BAD_EVERY == BAD_EVERY - 1) {
            String uri = "https://faults.example/" + run + "/bad-" + page;
            badPages.add(uri);
            send(uri, "[{\"paper\": {\"id\": \"2511.", Map.of());
            return;
        }
        List<String> ids = IntStream.range(0, PAPERS_PER_PAGE)
                .mapToObj(k -> String.format(Locale.ROOT, "2511.%05d", (page * PAPERS_PER_PAGE + k) % POOL))
                .toList();
        Map<String, Truth> listed = new java.util.HashMap<>();
        ids.forEach(id -> listed.put(id, new Truth(1, page)));
        send("https://faults.example/" + run + "/page-" + page, json(ids, page), listed);
    }

    private void send(String uri, String content, Map<String, Truth> listed) {
        RawPage page = RawPage.newBuilder()
                .setSourceUri(uri)
                .setKind("hf-daily-api-json")
                .setFetchedAt(Instant.now())
                .setContentType("application/json")
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)))
                .build();
        Future<RecordMetadata> unused =
                producer.send(new ProducerRecord<>(Topics.PAGES_RAW.name(), uri, page), (m, e) -> {
                    if (e != null) {
                        sendFailures.incrementAndGet();
                        FaultSuiteIT.say("could not publish " + uri + ": " + e);
                    } else {
                        listed.forEach((id, t) -> truth.merge(id, t, Truth::plus));
                        if (!listed.isEmpty()) {
                            goodPages.incrementAndGet();
                        }
                    }
                });
    }

    private static String json(List<String> ids, int upvotes) {
        StringBuilder json = new StringBuilder("[");
        for (String id : ids) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"paper\":{\"id\":\"")
                    .append(id)
                    .append("\",\"title\":\"Fault Drill Paper ")
                    .append(id)
                    .append("\",\"summary\":\"A robot learns grasping under faults.\",\"upvotes\":")
                    .append(upvotes)
                    .append("}}");
        }
        return json.append("]").toString();
    }

    /** Stops publishing and waits until Kafka acknowledged everything sent. */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        producer.flush();
    }

    Map<String, Truth> truth() {
        return truth;
    }

    Set<String> badPages() {
        return badPages;
    }

    int goodPages() {
        return goodPages.get();
    }

    int sendFailures() {
        return sendFailures.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close();
        serde.close();
    }
}
