package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.PARTITIONS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static dev.digestpipeline.common.settings.CommonSettings.SUMMARY_INTERVAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.enrich.EnrichApp;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.ServerProcess;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two enrich processes with one application id share the partitions; while 2,000 pages flow, one is killed
 * with SIGKILL and started again. Exactly-once processing must leave every paper's merged state exact: as many
 * appearances as pages listed it, the highest upvotes published, no paper missing.
 */
@ExtendWith(LocalStackExtension.class)
class EnrichFailoverIT {
    private static final int PAGES = 2000;
    private static final int PAPERS = 500;

    /** The papers of page i: three of the pool, chosen so every paper appears on several pages. */
    private static List<Integer> papersOf(int page) {
        return new ArrayList<>(
                new LinkedHashSet<>(List.of((page * 7) % PAPERS, (page * 7 + 1) % PAPERS, (page * 13 + 3) % PAPERS)));
    }

    private static int upvotes(int page, int paper) {
        return (page * 31 + paper) % 997;
    }

    private static String id(int paper) {
        return String.format(Locale.ROOT, "2509.%05d", paper);
    }

    @Test
    void killedInstanceRestartsAndEveryMergedPaperIsExact(LocalStack stack, @TempDir Path dir) throws Exception {
        String run = "failover-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> env = new HashMap<>(Map.of(
                BOOTSTRAP_SERVERS.envName(),
                stack.bootstrapServers(),
                REGISTRY_URL.envName(),
                stack.registryUrl(),
                EnrichConfig.APPLICATION_ID.envName(),
                run,
                PARTITIONS.envName(),
                "4",
                EnrichConfig.COMMIT_INTERVAL.envName(),
                "200ms",
                SUMMARY_INTERVAL.envName(),
                "5s",
                // the group notices the killed member after this (Kafka's default is 45 s)
                "DIGEST_KAFKA_SESSION_TIMEOUT_MS",
                "10000"));
        // topics of this run's own
        for (Setting topic : EnrichConfig.TOPIC_SETTINGS) {
            env.put(topic.envName(), run + "." + topic.defaultValue());
        }
        EnrichConfig config = EnrichConfig.of(env);
        EnrichApp.createTopics(config, Taxonomy.bundled().areaNames());

        Path home = Path.of("").toAbsolutePath().getParent();
        Path jar;
        try (Stream<Path> files = Files.list(home.resolve("enrich/target"))) {
            jar = files.filter(f -> f.getFileName().toString().endsWith("-app.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        List<ServerProcess> started = new ArrayList<>();
        try {
            ServerProcess a = startEnrich("a", jar, env, dir, home, started);
            ServerProcess b = startEnrich("b", jar, env, dir, home, started);
            awaitRunning(a);
            awaitRunning(b);

            Map<Integer, Set<Integer>> pagesOfPaper = new TreeMap<>();
            Map<Integer, Integer> maxUpvotes = new TreeMap<>();
            try (Serde<RawPage> serde = RegistrySerdes.valueSerde(stack.registryUrl());
                    KafkaProducer<String, RawPage> producer =
                            new KafkaProducer<>(producerProps(stack), new StringSerializer(), serde.serializer())) {
                for (int page = 0; page < PAGES; page++) {
                    if (page == PAGES / 4) {
                        assertEquals(
                                2,
                                membersWithRawPagePartitions(
                                        stack, run, config.topics().pagesRaw()),
                                "both instances own partitions of the raw pages");
                    }
                    if (page == PAGES / 3) {
                        // SIGKILL: no shutdown hook, no commit, no state flush
                        ProcessHandle.of(a.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    if (page == PAGES / 2) {
                        a = startEnrich("a", jar, env, dir, home, started);
                    }
                    String uri = "https://failover.example/" + run + "/page-" + page;
                    Future<RecordMetadata> unused =
                            producer.send(new ProducerRecord<>(config.topics().pagesRaw(), uri, page(uri, page)));
                    for (int paper : papersOf(page)) {
                        pagesOfPaper
                                .computeIfAbsent(paper, k -> new java.util.TreeSet<>())
                                .add(page);
                        maxUpvotes.merge(paper, upvotes(page, paper), Math::max);
                    }
                    if (page % 50 == 49) {
                        producer.flush();
                        Thread.sleep(250);
                    }
                }
            }
            assertTrue(
                    a.isAlive() && b.isAlive(),
                    "both instances run at the end:\n" + a.logTail(30) + "\n" + b.logTail(30));

            Map<String, Paper> latest = new HashMap<>();
            try (PipelineProbe probe = new PipelineProbe(
                    stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends")) {
                // the killed member keeps its partitions until its session times out; then b or the new a takes them
                probe.awaitEnrichCaughtUp(run, config.topics().pagesRaw(), Duration.ofMinutes(4), line -> {});
                probe.<Paper>records(config.topics().papers()).forEach(r -> latest.put(r.key(), r.value()));
            }
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<Integer, Set<Integer>> e : pagesOfPaper.entrySet()) {
                Paper paper = latest.get(id(e.getKey()));
                if (paper == null) {
                    wrong.add(id(e.getKey()) + " missing");
                } else if (paper.getAppearances() != e.getValue().size()
                        || !maxUpvotes.get(e.getKey()).equals(paper.getUpvotes())
                        || paper.getSourcePages().size() != e.getValue().size()) {
                    wrong.add(id(e.getKey()) + " appearances " + paper.getAppearances() + " (expected "
                            + e.getValue().size() + "), upvotes " + paper.getUpvotes() + " (expected "
                            + maxUpvotes.get(e.getKey()) + ")");
                }
            }
            assertEquals(List.of(), wrong);
            assertEquals(PAPERS, latest.size());
        } finally {
            for (ServerProcess process : started) {
                process.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static RawPage page(String uri, int page) {
        StringBuilder json = new StringBuilder("[");
        for (int paper : papersOf(page)) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"paper\":{\"id\":\"")
                    .append(id(paper))
                    .append("\",\"title\":\"Failover Robot Paper ")
                    .append(paper)
                    .append("\",\"summary\":\"A robot learns grasping.\",\"upvotes\":")
                    .append(upvotes(page, paper))
                    .append("}}");
        }
        byte[] content = json.append("]").toString().getBytes(StandardCharsets.UTF_8);
        return RawPage.newBuilder()
                .setSourceUri(uri)
                .setKind("hf-daily-api-json")
                .setFetchedAt(Instant.parse("2025-09-01T00:00:00Z").plusSeconds(page))
                .setContentType("application/json")
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(content))
                .build();
    }

    private static ServerProcess startEnrich(
            String name, Path jar, Map<String, String> env, Path dir, Path home, List<ServerProcess> started)
            throws Exception {
        Map<String, String> own = new HashMap<>(env);
        own.put(EnrichConfig.STATE_DIR.envName(), dir.resolve("state-" + name).toString());
        List<String> command = AppProcesses.command(jar);
        ServerProcess process = ServerProcess.start(
                "enrich-" + name,
                command,
                own,
                home,
                dir.resolve("enrich-" + name + ".log"),
                dir.resolve("enrich-" + name + ".pid"));
        started.add(process);
        return process;
    }

    private static void awaitRunning(ServerProcess process) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(process.logFile()).contains("-> RUNNING")) {
                return;
            }
            assertTrue(process.isAlive(), process.name() + " died:\n" + process.logTail(40));
            Thread.sleep(300);
        }
        throw new AssertionError(process.name() + " not RUNNING within 90 s:\n" + process.logTail(40));
    }

    /** How many members of the application's group have partitions of the topic assigned. */
    /** Instances (not stream threads: an instance has one member per thread) that own partitions of the topic. */
    private static long membersWithRawPagePartitions(LocalStack stack, String group, String topic) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(group);
            // a stream thread's client id is <application id>-<process id>-StreamThread-<n>-consumer
            return description.members().stream()
                    .filter(m -> m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals(topic)))
                    .map(m -> m.clientId().replaceAll("-StreamThread-.*", ""))
                    .distinct()
                    .count();
        }
    }

    private static Properties producerProps(LocalStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }
}
