package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.parse.fields.PaperIds;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same papers seen on a text rendering (titles and abstracts, no arXiv ids) and on the Daily Papers API (arXiv
 * ids), in either order: one paper, one state, one count in the trends.
 */
class PaperIdentityTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-21T08:00:00Z"), ZoneOffset.UTC);
    private static final EnrichConfig.TopicNames TOPICS = EnrichConfig.TopicNames.defaults();
    private static final List<String> IDS = List.of("2206.08920", "2508.20001", "2508.20002");
    private static final List<String> TITLES = List.of(
            "VectorMapNet: End-to-end Vectorized HD Map Learning",
            "Grasping Unknown Objects with a Robot Arm from Tactile Feedback",
            "Legged Robot Locomotion over Rough Terrain");
    /** The text rendering's titles: the same, in other case, spacing and punctuation. */
    private static final List<String> TEXT_TITLES = List.of(
            "VectorMapNet:  End-to-End Vectorized HD Map Learning",
            "Grasping unknown objects with a robot arm from tactile feedback.",
            "Legged Robot Locomotion over Rough Terrain");

    private static final List<String> ABSTRACTS = List.of(
            "Autonomous driving systems need high-definition maps. We present VectorMapNet, an end-to-end"
                    + " vectorized map learning pipeline for robots and cars.",
            "A robot arm learns to grasp unknown objects from tactile feedback and runs on a real robot.",
            "A quadruped robot learns a locomotion controller in simulation and walks on rough terrain.");

    private final AvroTestSerde<RawPage> rawPages = new AvroTestSerde<>(RawPage.class);
    private final AvroTestSerde<Paper> papers = new AvroTestSerde<>(Paper.class);
    private final AvroTestSerde<TagTrend> trends = new AvroTestSerde<>(TagTrend.class);
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawPage> pagesIn;
    private TestOutputTopic<String, Paper> papersOut;
    private TestOutputTopic<String, TagTrend> trendsOut;

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() {
        // the production configuration; only the state folder is the test's own
        EnrichConfig config = EnrichConfig.of(Map.of(EnrichConfig.STATE_DIR.envName(), stateDir.toString()));
        AvroTestSerde<DeadLetter> deadLetters = new AvroTestSerde<>(DeadLetter.class);
        Properties props = EnrichApp.streamsProperties(config, deadLetters);
        driver = new TopologyTestDriver(
                new EnrichTopology(
                                config,
                                new EnrichTopology.EnrichSerdes(rawPages.deserializer(), papers, deadLetters, trends),
                                TopicTagger.bundled(),
                                new EnrichCounters(),
                                CLOCK)
                        .build(),
                props);
        pagesIn = driver.createInputTopic(TOPICS.pagesRaw(), new StringSerializer(), rawPages.serializer());
        papersOut = driver.createOutputTopic(TOPICS.papers(), new StringDeserializer(), papers.deserializer());
        trendsOut = driver.createOutputTopic(TOPICS.trends(), new StringDeserializer(), trends.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void publishText(List<String> titles) {
        StringBuilder text = new StringBuilder("Daily Papers\n\nbyAK and the research community\n\nAug 21\n\n");
        for (int i = 0; i < titles.size(); i++) {
            text.append(titles.get(i)).append("\n\n").append(ABSTRACTS.get(i)).append("\n\n");
        }
        publish("file:///pages/daily-papers-2025-08-21.txt", text.toString(), "text/plain");
    }

    private void publishApi(List<String> ids, List<String> titles) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i > 0 ? "," : "")
                    .append("{\"paper\":{\"id\":\"")
                    .append(ids.get(i))
                    .append("\",\"title\":\"")
                    .append(titles.get(i))
                    .append("\",\"summary\":\"")
                    .append(ABSTRACTS.get(i % ABSTRACTS.size()))
                    .append("\",\"upvotes\":3,\"publishedAt\":\"2025-08-21T00:00:00.000Z\"}}");
        }
        publish("https://huggingface.co/api/daily_papers", json.append("]").toString(), "application/json");
    }

    private void publish(String uri, String content, String contentType) {
        RawPage page = RawPage.newBuilder()
                .setSourceUri(uri)
                .setFetchedAt(Instant.parse("2025-08-21T08:00:00Z"))
                .setContentType(contentType)
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)))
                .build();
        pagesIn.pipeInput(uri, page, page.getFetchedAt());
    }

    /** Each key's last record on digest.papers: a state, or null for a tombstone. */
    private Map<String, Paper> latest(List<TestRecord<String, Paper>> records) {
        Map<String, Paper> latest = new HashMap<>();
        records.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    private static String titleId(String title) {
        return "title:" + PaperIds.titleHash(title);
    }

    @Test
    void aTextPageThenTheApiPageOfTheSamePapersLeaveOnePaperEachUnderItsArxivId() {
        publishText(TEXT_TITLES);
        publishApi(IDS, TITLES);
        List<TestRecord<String, Paper>> records = papersOut.readRecordsToList();
        Map<String, Paper> latest = latest(records);
        for (String id : IDS) {
            Paper paper = latest.get(id);
            assertEquals(2, paper.getAppearances(), id);
            assertEquals(id, paper.getArxivId());
            assertEquals(3, paper.getUpvotes());
        }
        for (String title : TEXT_TITLES) {
            assertTrue(latest.containsKey(titleId(title)), title);
            assertNull(latest.get(titleId(title)), "the title id is retired with a tombstone: " + title);
        }
        assertEquals(6, latest.size());
    }

    @Test
    void aRetiredTitleIdsTombstoneCarriesTheRevisionAfterItsLastState() {
        publishText(TEXT_TITLES.subList(1, 2));
        publishApi(IDS.subList(1, 2), TITLES.subList(1, 2));
        TestRecord<String, Paper> tombstone = papersOut.readRecordsToList().stream()
                .filter(r -> r.value() == null)
                .findFirst()
                .orElseThrow();
        assertEquals(titleId(TEXT_TITLES.get(1)), tombstone.key());
        assertEquals(
                "2",
                new String(
                        tombstone.headers().lastHeader(Topics.REVISION_HEADER).value(), StandardCharsets.UTF_8));
    }

    @Test
    void theApiPageThenTheTextPageNeverMakeATitleId() {
        publishApi(IDS, TITLES);
        publishText(TEXT_TITLES);
        Map<String, Paper> latest = latest(papersOut.readRecordsToList());
        assertEquals(
                IDS.stream().sorted().toList(),
                latest.keySet().stream().sorted().toList());
        for (String id : IDS) {
            assertEquals(2, latest.get(id).getAppearances(), id);
            assertEquals(TITLES.get(IDS.indexOf(id)), latest.get(id).getTitle());
        }
    }

    @Test
    void aTitleSharedByTwoArxivIdsStaysTwoPapersAndTitleOnlySightingsJoinTheFirst() {
        String title = TITLES.get(1);
        publishApi(List.of("2508.30001", "2508.30002"), List.of(title, title));
        publishText(List.of("x", title, "y").subList(1, 2));
        Map<String, Paper> latest = latest(papersOut.readRecordsToList());
        assertEquals(
                List.of("2508.30001", "2508.30002"),
                latest.keySet().stream().sorted().toList());
        assertEquals(2, latest.get("2508.30001").getAppearances());
        assertEquals(1, latest.get("2508.30002").getAppearances());
    }

    @Test
    void arxivVersionsAreOnePaper() {
        publishApi(List.of("2508.20001v1"), TITLES.subList(1, 2));
        publishText(TEXT_TITLES.subList(1, 2));
        publishApi(List.of("2508.20001v2"), TITLES.subList(1, 2));
        Map<String, Paper> latest = latest(papersOut.readRecordsToList());
        assertEquals(List.of("2508.20001"), List.copyOf(latest.keySet()));
        assertEquals(2, latest.get("2508.20001").getArxivVersion());
    }

    @Test
    void aWholeSightingWithAnArxivIdThatAnEarlierEnrichSentByTitleReachesItsPaperAndNamesItsTitle() {
        publishApi(IDS.subList(1, 2), TITLES.subList(1, 2));
        Paper state = papersOut.readValue();
        // earlier enrich versions sent every sighting through papers-by-title; one left there at the upgrade
        Paper leftByTitle = Paper.newBuilder(state)
                .setPaperId("2508.40001")
                .setArxivId("2508.40001")
                .setTitle(TITLES.get(2))
                .build();
        TestInputTopic<String, Paper> byTitle = driver.createInputTopic(
                EnrichConfig.of(Map.of()).applicationId() + "-papers-by-title-repartition",
                new StringSerializer(),
                papers.serializer());
        byTitle.pipeInput(PaperIds.titleKey(TITLES.get(2)), leftByTitle);
        publishText(TEXT_TITLES.subList(2, 3));
        Map<String, Paper> latest = latest(papersOut.readRecordsToList());
        assertEquals(List.of("2508.40001"), List.copyOf(latest.keySet()));
        assertEquals(2, latest.get("2508.40001").getAppearances());
    }

    @Test
    void trendsCountEachPaperOnceWhicheverPageCameFirst() {
        publishText(TEXT_TITLES);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        publishApi(IDS, TITLES);
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        Map<String, Integer> robotics = trendsOut.readKeyValuesToList().stream()
                .filter(kv -> kv.key.startsWith("robotics|day|"))
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value.getDistinctPapers(), (a, b) -> b));
        assertEquals(3, robotics.values().stream().mapToInt(Integer::intValue).sum(), robotics.toString());
    }
}
