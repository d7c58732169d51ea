package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.enrich.trend.PendingChanges;
import dev.digestpipeline.enrich.trend.TrendPlacementProcessor;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * digest.trends on TopologyTestDriver: distinct papers per tag on each paper's own day (and the hour it was first
 * seen), changed windows sent once per update interval, closing and late corrections, and retention.
 */
class TrendTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-21T08:00:00Z"), ZoneOffset.UTC);
    private static final EnrichConfig.TopicNames TOPICS = EnrichConfig.TopicNames.defaults();
    /** The default trend.update.interval. */
    private static final Duration UPDATE = Duration.ofSeconds(1);

    private final AvroTestSerde<RawPage> rawPages = new AvroTestSerde<>(RawPage.class);
    private final AvroTestSerde<TagTrend> trends = new AvroTestSerde<>(TagTrend.class);
    private final EnrichCounters counters = new EnrichCounters();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawPage> pagesIn;
    private TestOutputTopic<String, TagTrend> trendsOut;

    @TempDir
    Path stateDir;

    /** The production configuration with the test's state folder and the given settings. */
    private void start(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put(EnrichConfig.STATE_DIR.envName(), stateDir.toString());
        EnrichConfig config = EnrichConfig.of(env);
        AvroTestSerde<DeadLetter> deadLetters = new AvroTestSerde<>(DeadLetter.class);
        Properties props = EnrichApp.streamsProperties(config, deadLetters);
        driver = new TopologyTestDriver(
                new EnrichTopology(
                                config,
                                new EnrichTopology.EnrichSerdes(
                                        rawPages.deserializer(), new AvroTestSerde<>(Paper.class), deadLetters, trends),
                                TopicTagger.bundled(),
                                counters,
                                CLOCK)
                        .build(),
                props);
        pagesIn = driver.createInputTopic(TOPICS.pagesRaw(), new StringSerializer(), rawPages.serializer());
        trendsOut = driver.createOutputTopic(TOPICS.trends(), new StringDeserializer(), trends.deserializer());
    }

    private void start() {
        start(Map.of());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    /** A robotics paper; {@code day} is its Daily Papers date, or null when the page gives none. */
    private static String robot(String id, String day) {
        return "{\"paper\":{\"id\":\"" + id + "\",\"title\":\"Robot Grasping Study " + id
                + "\",\"summary\":\"A robot learns grasping with a robot arm.\",\"upvotes\":1}"
                + (day == null ? "" : ",\"publishedAt\":\"" + day + "T00:00:00.000Z\"") + "}";
    }

    /** A Daily Papers API page fetched at the given time, published without sending trends yet. */
    private void page(String uri, String fetchedAt, String... items) {
        RawPage page = RawPage.newBuilder()
                .setSourceUri(uri)
                .setFetchedAt(Instant.parse(fetchedAt))
                .setContentType("application/json")
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(("[" + String.join(",", items) + "]").getBytes(StandardCharsets.UTF_8)))
                .build();
        pagesIn.pipeInput(uri, page, page.getFetchedAt());
    }

    /**
     * Two update intervals pass: in the first, the changes of each window go to the count; in the second, each
     * window changed is sent.
     */
    private List<KeyValue<String, TagTrend>> sent() {
        driver.advanceWallClockTime(UPDATE);
        driver.advanceWallClockTime(UPDATE);
        return trendsOut.readKeyValuesToList();
    }

    /** The robotics day windows sent, as "day=papers" or "day=papers final", in the order sent. */
    private static List<String> robotDays(List<KeyValue<String, TagTrend>> records) {
        return records.stream()
                .filter(kv -> kv.key.startsWith("robotics|day|"))
                .map(kv -> kv.key.substring("robotics|day|".length(), "robotics|day|".length() + 10) + "="
                        + (kv.value == null
                                ? "forgotten"
                                : kv.value.getDistinctPapers() + (kv.value.getFinal$() ? " final" : "")))
                .toList();
    }

    @Test
    void paperCountsOnItsOwnDayNotOnTheDayItWasFetched() {
        start();
        page(
                "https://hf.example/a",
                "2025-08-22T10:00:00Z",
                robot("2508.00001", "2025-08-20"),
                robot("2508.00002", "2025-08-21"));
        // both days closed before the page was fetched; the fetch day has no window
        assertEquals(List.of("2025-08-20=1 final", "2025-08-21=1 final"), robotDays(sent()));
    }

    @Test
    void paperWithoutADayCountsOnTheDayItWasFirstSeen() {
        start();
        page("https://hf.example/a", "2025-08-22T10:00:00Z", robot("2508.00001", null));
        assertEquals(List.of("2025-08-22=1"), robotDays(sent()));
    }

    @Test
    void hourWindowIsTheHourThePaperWasFirstSeen() {
        start();
        page("https://hf.example/a", "2025-08-22T10:40:00Z", robot("2508.00001", "2025-08-20"));
        List<String> hours = sent().stream()
                .map(kv -> kv.key)
                .filter(k -> k.startsWith("robotics|hour|"))
                .toList();
        assertEquals(List.of("robotics|hour|2025-08-22T10:00:00Z"), hours);
    }

    @Test
    void changesWithinOneIntervalAreSentAsOneRecordWithTheNextRevision() {
        start();
        page("https://hf.example/a", "2025-08-20T10:00:00Z", robot("2508.00001", "2025-08-20"));
        page("https://hf.example/b", "2025-08-20T10:05:00Z", robot("2508.00002", "2025-08-20"));
        page("https://hf.example/c", "2025-08-20T10:10:00Z", robot("2508.00003", "2025-08-20"));
        List<KeyValue<String, TagTrend>> first = sent().stream()
                .filter(kv -> kv.key.equals("robotics|day|2025-08-20T00:00:00Z"))
                .toList();
        page("https://hf.example/d", "2025-08-20T10:15:00Z", robot("2508.00004", "2025-08-20"));
        List<KeyValue<String, TagTrend>> second = sent().stream()
                .filter(kv -> kv.key.equals("robotics|day|2025-08-20T00:00:00Z"))
                .toList();
        assertEquals(1, first.size());
        assertEquals(3, first.get(0).value.getDistinctPapers());
        assertEquals(1, first.get(0).value.getRevision());
        assertEquals(1, second.size());
        assertEquals(4, second.get(0).value.getDistinctPapers());
        assertEquals(2, second.get(0).value.getRevision());
    }

    @Test
    void aChangeAnEarlierEnrichLeftPendingUnderTheWholeWindowKeyIsSent() {
        start();
        KeyValueStore<String, PendingChanges> pending = driver.getKeyValueStore(TrendPlacementProcessor.PENDING);
        pending.put(
                "robotics|day|2025-08-20T00:00:00Z",
                PendingChanges.serde()
                        .deserializer()
                        .deserialize("t", Serdes.Integer().serializer().serialize("t", 2)));
        assertEquals(List.of("2025-08-20=2"), robotDays(sent()));
    }

    @Test
    void intervalWithoutChangesSendsNothing() {
        start();
        page("https://hf.example/a", "2025-08-20T10:00:00Z", robot("2508.00001", "2025-08-20"));
        sent();
        assertEquals(List.of(), sent());
    }

    @Test
    void samePaperOnAnotherPageOfItsDayIsCountedOnce() {
        start();
        page("https://hf.example/a", "2025-08-20T10:00:00Z", robot("2508.00001", "2025-08-20"));
        page(
                "https://hf.example/b",
                "2025-08-20T11:00:00Z",
                robot("2508.00001", "2025-08-20"),
                robot("2508.00002", "2025-08-20"));
        assertEquals(List.of("2025-08-20=2"), robotDays(sent()));
    }

    @Test
    void dayClosesOnceStreamTimePassesItsEndAndGraceCountingOutOfOrderPagesWithinGrace() {
        start();
        page("https://hf.example/a", "2025-08-20T10:00:00Z", robot("2508.00001", null));
        page("https://hf.example/b", "2025-08-21T05:00:00Z", robot("2508.00002", null));
        page("https://hf.example/c", "2025-08-20T20:00:00Z", robot("2508.00003", null)); // out of order, in grace
        List<String> open = robotDays(sent());
        page("https://hf.example/d", "2025-08-21T06:30:00Z", robot("2508.00004", null)); // past Aug 20 + 6h grace
        assertEquals(List.of("2025-08-20=2", "2025-08-21=1"), open);
        assertEquals(List.of("2025-08-20=2 final", "2025-08-21=2"), robotDays(sent()));
    }

    @Test
    void latePageAboutAClosedDayCorrectsItWithAnotherFinalRecord() {
        start();
        page("https://hf.example/a", "2025-08-20T10:00:00Z", robot("2508.00001", "2025-08-20"));
        page("https://hf.example/b", "2025-08-21T07:00:00Z", robot("2508.00002", "2025-08-21"));
        assertEquals(List.of("2025-08-20=1 final", "2025-08-21=1"), robotDays(sent()));
        page("https://hf.example/c", "2025-08-21T07:30:00Z", robot("2508.00003", "2025-08-20")); // a day late
        List<KeyValue<String, TagTrend>> corrected = sent();
        assertEquals(List.of("2025-08-20=2 final"), robotDays(corrected));
        assertEquals(2, corrected.get(0).value.getRevision());
    }

    @Test
    void backfillOfPastDaysLandsOnTheDaysItCovers() {
        start();
        page("https://hf.example/today", "2025-08-21T09:00:00Z", robot("2508.00010", "2025-08-21"));
        sent();
        page(
                "https://hf.example/backfill",
                "2025-08-21T09:30:00Z",
                robot("2508.00001", "2025-08-01"),
                robot("2508.00002", "2025-08-01"),
                robot("2508.00003", "2025-08-02"),
                robot("2508.00004", "2025-08-21"));
        assertEquals(List.of("2025-08-01=2 final", "2025-08-02=1 final", "2025-08-21=2"), robotDays(sent()));
    }

    @Test
    void paperSeenAgainOnALaterDayStaysOnItsFirstDay() {
        start();
        page("https://hf.example/20", "2025-08-20T10:00:00Z", robot("2508.00001", "2025-08-20"));
        sent();
        page("https://hf.example/21", "2025-08-21T10:00:00Z", robot("2508.00001", "2025-08-21"));
        // Aug 20 closes with the same count; Aug 21 gets no window
        assertEquals(List.of("2025-08-20=1 final"), robotDays(sent()));
    }

    @Test
    void paperFoundOnAnEarlierDayMovesThere() {
        start();
        page("https://hf.example/21", "2025-08-21T10:00:00Z", robot("2508.00001", "2025-08-21"));
        sent();
        page("https://hf.example/20", "2025-08-21T10:05:00Z", robot("2508.00001", "2025-08-20"));
        assertEquals(List.of("2025-08-20=1 final", "2025-08-21=0"), robotDays(sent()));
    }

    @Test
    void windowPastItsRetentionIsForgottenWithATombstone() {
        start(Map.of("DIGEST_TREND_HOUR_RETENTION", "2h"));
        page("https://hf.example/a", "2025-08-20T10:10:00Z", robot("2508.00001", "2025-08-20"));
        sent();
        page("https://hf.example/b", "2025-08-20T13:00:00Z", robot("2508.00002", "2025-08-20"));
        Map<String, TagTrend> latest = new LinkedHashMap<>();
        sent().forEach(kv -> latest.put(kv.key, kv.value));
        assertTrue(latest.containsKey("robotics|hour|2025-08-20T10:00:00Z"));
        assertNull(latest.get("robotics|hour|2025-08-20T10:00:00Z"));
        assertEquals(1, latest.get("robotics|hour|2025-08-20T13:00:00Z").getDistinctPapers());
    }

    @Test
    void pageAboutADayPastItsRetentionIsNotCounted() {
        start(Map.of("DIGEST_TREND_DAY_RETENTION", "30d"));
        page("https://hf.example/a", "2025-08-20T10:00:00Z", robot("2508.00001", "2025-08-20"));
        sent();
        page("https://hf.example/old", "2025-08-20T11:00:00Z", robot("2508.00002", "2025-06-01"));
        assertEquals(List.of(), robotDays(sent()));
        assertTrue(
                counters.toString().contains(", 1 trend changes older than the trend retention"), counters::toString);
    }
}
