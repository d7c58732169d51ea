package dev.digestpipeline.ops.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStateStore;
import dev.digestpipeline.ops.RootCause;
import dev.digestpipeline.ops.deadletters.DeadLetterTally;
import dev.digestpipeline.ops.kafka.ConsumerLag;
import dev.digestpipeline.ops.kafka.Offsets;
import dev.digestpipeline.ops.kafka.TopicRecords;
import dev.digestpipeline.ops.search.IndexReads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline as an operator sees it, sampled from outside: poller → raw pages → enrich → papers → sink →
 * Elasticsearch, each stage with whether it is up, its lag in records and in seconds, and its throughput over the
 * last minutes; the sources' polling state; the dead letters. One sampler thread calls {@link #sample()}; browsers
 * read the latest {@link Snapshot}, so a page open in ten tabs costs Kafka nothing more.
 */
public final class PipelineView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineView.class);
    private static final Duration HISTORY = Duration.ofMinutes(15);
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    private static final Duration CALL = Duration.ofSeconds(5);
    /**
     * Up to this many offsets behind, the lag is counted record by record (exact under exactly-once, where every
     * transaction leaves a marker offset); beyond, it is the offset difference.
     */
    static final long EXACT_LAG_UP_TO = 20_000;

    /** One stage: an app (up is null when nothing tells) or a store (a topic, the index). */
    public record Stage(
            String name,
            String kind,
            Boolean up,
            String detail,
            Long lagRecords,
            Double lagSeconds,
            long total,
            String unit,
            double perSecond,
            List<RateHistory.Point> throughput) {}

    /** One source's (or one of its URLs') polling state, as the poller keeps it. */
    public record Source(String id, SourceState state) {}

    /** What the dashboard shows of the pipeline at one moment, and what could not be read then. */
    public record Snapshot(
            Instant sampledAt,
            List<Stage> stages,
            List<Source> sources,
            DeadLetterTally.Summary deadLetters,
            List<String> errors) {}

    /** Which consumer groups and endpoints stand for the apps. */
    public record Groups(String enrichApplicationId, String sinkGroupId, Map<String, String> appHealth) {}

    private final Admin admin;
    private final ElasticsearchClient es;
    private final TopicRecords records;
    private final DeadLetterTally deadLetters;
    private final String bootstrapServers;
    private final String registryUrl;
    private final String papersAlias;
    private final Groups groups;
    /** How long a probe of an app's health or of the registry waits for the whole answer. */
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE_DEADLINE)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, RateHistory> histories = new HashMap<>();
    private volatile Snapshot latest = new Snapshot(
            Instant.EPOCH, List.of(), List.of(), DeadLetterTally.Summary.EMPTY, List.of("not sampled yet"));

    public PipelineView(
            Admin admin,
            ElasticsearchClient es,
            TopicRecords records,
            DeadLetterTally deadLetters,
            String bootstrapServers,
            String registryUrl,
            String papersAlias,
            Groups groups) {
        this.admin = admin;
        this.es = es;
        this.records = records;
        this.deadLetters = deadLetters;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.papersAlias = papersAlias;
        this.groups = groups;
    }

    public Snapshot latest() {
        return latest;
    }

    /** Reads everything once and makes it the latest snapshot; what fails is named in its errors, never thrown. */
    public Snapshot sample() {
        Instant now = Instant.now();
        List<String> errors = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Set<String> existing = Set.of();
        Map<TopicPartition, Long> ends = Map.of();
        try {
            existing = admin.listTopics().names().get(CALL.toMillis(), TimeUnit.MILLISECONDS);
            List<String> read = Stream.of(Topics.PAGES_RAW, Topics.PAPERS, Topics.TRENDS)
                    .map(t -> t.name())
                    .filter(existing::contains)
                    .toList();
            if (!read.isEmpty()) {
                ends = Offsets.stableEnds(admin, read, CALL);
            }
        } catch (Exception e) {
            errors.add("Kafka: " + RootCause.message(e));
        }
        long pagesOut = sum(ends, Topics.PAGES_RAW.name());
        long papersOut = sum(ends, Topics.PAPERS.name());
        stages.add(poller(now, pagesOut));
        stages.add(store("raw pages", Topics.PAGES_RAW.name(), now, pagesOut, "offsets"));
        stages.add(consumerStage(
                "enrich", groups.enrichApplicationId(), List.of(Topics.PAGES_RAW.name()), "pages", now, ends, errors));
        stages.add(store("papers", Topics.PAPERS.name(), now, papersOut, "offsets"));
        stages.add(consumerStage(
                "sink",
                groups.sinkGroupId(),
                List.of(Topics.PAPERS.name(), Topics.TRENDS.name()),
                "records",
                now,
                ends,
                errors));
        stages.add(elasticsearch(now, errors));
        stages.add(registry(now, errors));
        List<Source> sources = List.of();
        try {
            sources = sources(existing);
        } catch (Exception e) {
            errors.add("sources: " + RootCause.message(e));
        }
        DeadLetterTally.Summary letters = DeadLetterTally.Summary.EMPTY;
        try {
            letters = deadLetters.update();
        } catch (Exception e) {
            errors.add("dead letters: " + RootCause.message(e));
        }
        Snapshot snapshot = new Snapshot(now, stages, sources, letters, errors);
        latest = snapshot;
        if (!errors.isEmpty()) {
            log.debug("sampled with errors: {}", errors);
        }
        return snapshot;
    }

    /** The poller, known by its health endpoint; what it did, by what it published to the raw pages topic. */
    private Stage poller(Instant now, long pagesPublished) {
        Health health = health("poller");
        return measured("poller", "app", health, null, null, now, pagesPublished, "pages published");
    }

    private Stage store(String name, String topic, Instant now, long endOffsets, String unit) {
        return measured(name, "topic", new Health(null, topic), null, null, now, endOffsets, unit);
    }

    /**
     * A stage with its count sampled now (a negative count: not read this time) into its rate history, and its
     * latest count, rate over the last minute and rates over the history.
     */
    private Stage measured(
            String name,
            String kind,
            Health health,
            Long lag,
            Double lagSeconds,
            Instant now,
            long count,
            String unit) {
        RateHistory history = histories.computeIfAbsent(name, n -> new RateHistory(HISTORY));
        if (count >= 0) {
            history.add(now, count);
        }
        return new Stage(
                name,
                kind,
                health.up(),
                health.detail(),
                lag,
                lagSeconds,
                Math.max(0, history.latest()),
                unit,
                history.perSecond(RATE_WINDOW),
                history.points());
    }

    /** An app known by its consumer group: processed = committed offsets, lag = stable end minus committed. */
    private Stage consumerStage(
            String name,
            String group,
            List<String> topics,
            String unit,
            Instant now,
            Map<TopicPartition, Long> ends,
            List<String> errors) {
        Health health = health(name);
        Long lag = null;
        Double lagSeconds = null;
        long processed = -1;
        try {
            ConsumerLag.Behind behind = ConsumerLag.of(admin, group, ends, topics, CALL);
            processed = behind.processed();
            if (behind.offsets() <= EXACT_LAG_UP_TO) {
                TopicRecords.Backlog backlog = records.backlog(behind.lagging());
                lag = backlog.records();
                lagSeconds = backlog.oldest() == null ? 0.0 : secondsSince(backlog.oldest(), now);
            } else {
                lag = behind.offsets(); // offsets, markers included: too many records to count every few seconds
                lagSeconds = oldestWaiting(behind.lagging(), now);
            }
            if (health.up() == null) {
                health = membersOf(group);
            }
        } catch (Exception e) {
            errors.add(name + ": " + RootCause.message(e));
        }
        return measured(name, "app", health, lag, lagSeconds, now, processed, unit + " processed");
    }

    /** Seconds since the oldest record not yet processed was written; null when none could be read in time. */
    private Double oldestWaiting(Map<TopicPartition, Long> lagging, Instant now) {
        Map<TopicPartition, Instant> stamps = records.timestampsAt(lagging, Duration.ofSeconds(1));
        return stamps.values().stream()
                .min(Instant::compareTo)
                .map(t -> secondsSince(t, now))
                .orElse(null);
    }

    private static double secondsSince(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toMillis()) / 1000.0;
    }

    private Stage elasticsearch(Instant now, List<String> errors) {
        Health health;
        long papers = -1;
        try {
            var cluster = es.cluster().health();
            String detail =
                    "cluster " + cluster.clusterName() + ": " + cluster.status().jsonValue();
            papers = IndexReads.orNothingYet(
                    -1L, () -> es.count(c -> c.index(papersAlias)).count());
            health = new Health(true, papers < 0 ? detail + "; no papers index yet" : detail);
        } catch (Exception e) {
            health = new Health(false, RootCause.message(e));
            errors.add("Elasticsearch: " + health.detail());
        }
        return measured("elasticsearch", "store", health, null, null, now, papers, "papers searchable");
    }

    /**
     * The schema registry, asked for its subjects within {@link #PROBE_DEADLINE}: a registry that accepts and never
     * answers (frozen) shows as down, though records whose schemas the apps know flow on.
     */
    private Stage registry(Instant now, List<String> errors) {
        Health health;
        long subjects = -1;
        try {
            HttpResponse<String> subjectList = probe(registryUrl + "/apis/ccompat/v7/subjects");
            if (subjectList.statusCode() == 200) {
                subjects = JSON.readTree(subjectList.body()).size();
                health = new Health(true, subjects + " subjects");
            } else {
                health = new Health(false, "answered HTTP " + subjectList.statusCode());
            }
        } catch (TimeoutException e) {
            health = new Health(false, "unreachable: no answer within " + PROBE_DEADLINE.toSeconds() + " s");
        } catch (ExecutionException | java.io.IOException e) {
            health = new Health(false, "unreachable: " + RootCause.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health = new Health(null, "interrupted");
        }
        if (Boolean.FALSE.equals(health.up())) {
            errors.add("schema registry: " + health.detail());
        }
        return measured("registry", "store", health, null, null, now, subjects, "subjects");
    }

    private record Health(Boolean up, String detail) {}

    /** A GET whose whole answer, body included, comes within the deadline: a frozen server holds no sample. */
    private HttpResponse<String> probe(String url) throws TimeoutException, ExecutionException, InterruptedException {
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            return pending.get(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw e;
        }
    }

    /** The app's readiness from its /health/ready, when the app's endpoint is known; unknown otherwise. */
    private Health health(String app) {
        String url = groups.appHealth().get(app);
        if (url == null) {
            return new Health(null, "no health endpoint configured");
        }
        try {
            HttpResponse<String> answer = probe(url + "/health/ready");
            return new Health(answer.statusCode() == 200, detailOf(answer.body()));
        } catch (TimeoutException e) {
            return new Health(false, "no answer from " + url + " within " + PROBE_DEADLINE.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Health(false, "no answer from " + url + ": " + RootCause.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(null, "interrupted");
        }
    }

    /** The {@code detail} of an app's health answer (see MetricsServer), or the answer itself when it is not one. */
    private static String detailOf(String healthJson) {
        try {
            JsonNode detail = JSON.readTree(healthJson).get("detail");
            return detail != null && detail.isTextual() ? detail.asText() : healthJson.strip();
        } catch (java.io.IOException e) {
            return healthJson.strip();
        }
    }

    /** Up when the group has members and is not rebalancing; for an app whose health endpoint is not known. */
    private Health membersOf(String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        int members = description.members().size();
        return new Health(
                members > 0,
                "consumer group " + group + ": "
                        + description.groupState().toString().toLowerCase(java.util.Locale.ROOT) + ", " + members
                        + (members == 1 ? " member" : " members"));
    }

    private List<Source> sources(Set<String> existing) {
        if (!existing.contains(Topics.SOURCES_STATE.name())) {
            return List.of(); // no poller ever ran
        }
        Map<String, SourceState> states = new TreeMap<>(SourceStateStore.read(
                bootstrapServers, RegistryAccess.anonymous(registryUrl), Topics.SOURCES_STATE.name(), Map.of()));
        List<Source> sources = new ArrayList<>();
        states.forEach((id, state) -> sources.add(new Source(id, state)));
        return sources;
    }

    private static long sum(Map<TopicPartition, Long> ends, String topic) {
        if (ends.isEmpty()) {
            return -1;
        }
        return ends.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    @Override
    public void close() {
        records.close();
    }
}
