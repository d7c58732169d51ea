package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.enrich.merge.PaperMerger;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.fields.PaperIds;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole enrich topology on TopologyTestDriver, with plain Avro serdes injected instead of the registry's. */
class EnrichTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-21T08:00:00Z"), ZoneOffset.UTC);
    private static final EnrichConfig.TopicNames TOPICS = EnrichConfig.TopicNames.defaults();
    private static final List<String> AREAS = Taxonomy.bundled().areaNames();

    private final AvroTestSerde<RawPage> rawPages = new AvroTestSerde<>(RawPage.class);
    private final AvroTestSerde<DeadLetter> deadLetters = new AvroTestSerde<>(DeadLetter.class);
    private final AvroTestSerde<TagTrend> trends = new AvroTestSerde<>(TagTrend.class);
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawPage> pagesIn;
    private TestInputTopic<String, byte[]> bytesIn;
    private TestOutputTopic<String, Paper> papersOut;
    private TestOutputTopic<String, DeadLetter> pagesDlqOut;
    private TestOutputTopic<String, DeadLetter> papersDlqOut;
    private TestOutputTopic<String, Paper> byTagOut;
    private AvroTestSerde<Paper> papers;

    @TempDir
    Path stateDir;

    /** Fails for papers whose title says "Poison", as a bug in merging would. */
    private static final class FailingOnPoison extends PaperMerger {
        FailingOnPoison() {
            super(TopicTagger.bundled());
        }

        @Override
        public Paper merge(Paper known, Paper seen) {
            if (seen.getTitle().contains("Poison")) {
                throw new IllegalStateException("cannot merge " + seen.getPaperId());
            }
            return super.merge(known, seen);
        }
    }

    @BeforeEach
    void start() {
        start(new AvroTestSerde<>(Paper.class));
    }

    private void start(AvroTestSerde<Paper> paperSerde) {
        papers = paperSerde;
        // the production configuration; only the state folder is the test's own (/tmp/kafka-streams may be another
        // user's)
        EnrichConfig config = EnrichConfig.of(Map.of(EnrichConfig.STATE_DIR.envName(), stateDir.toString()));
        Properties props = EnrichApp.streamsProperties(config, deadLetters);
        driver = new TopologyTestDriver(
                new EnrichTopology(
                                config,
                                new EnrichTopology.EnrichSerdes(rawPages.deserializer(), papers, deadLetters, trends),
                                AREAS,
                                new PageEnricher(TopicTagger.bundled(), CLOCK),
                                new FailingOnPoison(),
                                new EnrichCounters(),
                                CLOCK)
                        .build(),
                props);
        pagesIn = driver.createInputTopic(TOPICS.pagesRaw(), new StringSerializer(), rawPages.serializer());
        bytesIn = driver.createInputTopic(TOPICS.pagesRaw(), new StringSerializer(), new ByteArraySerializer());
        papersOut = driver.createOutputTopic(TOPICS.papers(), new StringDeserializer(), papers.deserializer());
        pagesDlqOut = driver.createOutputTopic(TOPICS.pagesDlq(), new StringDeserializer(), deadLetters.deserializer());
        papersDlqOut =
                driver.createOutputTopic(TOPICS.papersDlq(), new StringDeserializer(), deadLetters.deserializer());
        byTagOut = driver.createOutputTopic(TOPICS.papersByTag(), new StringDeserializer(), papers.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A daily-papers API page fetched at the given time; each item is {id, title, abstract, upvotes}. */
    private static RawPage apiPage(String uri, String fetchedAt, String[]... items) {
        StringBuilder json = new StringBuilder("[");
        for (String[] item : items) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"paper\":{\"id\":\"")
                    .append(item[0])
                    .append("\",\"title\":\"")
                    .append(item[1])
                    .append("\",\"summary\":\"")
                    .append(item[2])
                    .append("\",\"upvotes\":")
                    .append(item[3])
                    .append("}}");
        }
        return RawPage.newBuilder()
                .setSourceUri(uri)
                .setFetchedAt(Instant.parse(fetchedAt))
                .setContentType("application/json")
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(json.append("]").toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static String[] robot(String id) {
        return new String[] {id, "Robot Grasping Study " + id, "A robot learns grasping with a robot arm.", "1"};
    }

    private void publish(RawPage page) {
        pagesIn.pipeInput(page.getSourceUri(), page, page.getFetchedAt());
    }

    @Test
    void firstSightingIsRevisionOneWithOneAppearance() {
        RawPage page = RawPages.rawPage(
                "https://huggingface.co/api/daily_papers", Fixtures.bytes("daily-papers-api.json"), "application/json");
        publish(page);
        List<KeyValue<String, Paper>> out = papersOut.readKeyValuesToList();
        assertEquals(
                List.of("2508.14567", "2508.10001"),
                out.stream().map(kv -> kv.key).toList());
        Paper first = out.get(0).value;
        assertEquals("Agents That Use Tools: A Benchmark", first.getTitle());
        assertEquals(1, first.getRevision());
        assertEquals(1, first.getAppearances());
        assertEquals(List.of("https://huggingface.co/api/daily_papers"), first.getSourcePages());
        assertEquals(Fixtures.FETCHED, first.getFirstSeenAt());
        assertEquals(Fixtures.FETCHED, first.getLastSeenAt());
        assertEquals(42, first.getUpvotes());
        assertEquals(Instant.parse("2025-08-21T08:00:00Z"), first.getParsedAt());
        assertTrue(pagesDlqOut.isEmpty());
    }

    @Test
    void samePaperFromTwoSourcesMergesPagesLinksUpvotesAndCategories() {
        publish(RawPages.rawPage(
                "https://huggingface.co/api/daily_papers",
                "[{\"paper\":{\"id\":\"2508.13426\",\"title\":\"ALIGN: Word Association Learning\",\"upvotes\":12,\"githubRepo\":\"https://github.com/ex/align\"}}]"
                        .getBytes(StandardCharsets.UTF_8),
                "application/json"));
        RawPage feed =
                RawPages.rawPage("https://rss.arxiv.org/atom/cs.AI", Fixtures.bytes("arxiv-rss-atom-cs.AI.xml"), null);
        feed.setFetchedAt(Instant.parse("2025-08-21T09:00:00Z"));
        publish(feed);
        Map<String, Paper> latest = papersOut.readKeyValuesToMap();
        Paper merged = latest.get("2508.13426");
        assertEquals(2, merged.getRevision());
        assertEquals(2, merged.getAppearances());
        assertEquals(
                List.of("https://huggingface.co/api/daily_papers", "https://rss.arxiv.org/atom/cs.AI"),
                merged.getSourcePages());
        assertEquals(12, merged.getUpvotes());
        assertEquals(List.of("cs.CL", "cs.AI"), merged.getCategories());
        assertEquals(
                "We adapt Llama-3.1-8B and Qwen-2.5-7B to native speakers' word associations.", merged.getAbstract$());
        assertEquals(List.of("8B", "7B"), merged.getModelSizes());
        assertEquals(
                List.of(
                        new Link("code", "https://github.com/ex/align", "github.com/ex/align"),
                        new Link("paper", "https://arxiv.org/abs/2508.13426", null),
                        new Link("pdf", "https://arxiv.org/pdf/2508.13426", null)),
                merged.getLinks());
        assertEquals(
                List.of("language", "language/llm"),
                merged.getTags().stream().map(t -> t.getName()).toList());
        assertEquals(Fixtures.FETCHED, merged.getFirstSeenAt());
        assertEquals(Instant.parse("2025-08-21T09:00:00Z"), merged.getLastSeenAt());
    }

    @Test
    void republishingAPageAlreadySeenEmitsNothing() {
        RawPage page =
                apiPage("https://huggingface.co/papers/date/2025-08-20", "2025-08-20T10:00:00Z", robot("2508.00001"));
        publish(page);
        assertEquals(1, papersOut.readValuesToList().size());
        byTagOut.readValuesToList();
        publish(apiPage("https://huggingface.co/papers/date/2025-08-20", "2025-08-20T12:00:00Z", robot("2508.00001")));
        assertTrue(papersOut.isEmpty());
        assertTrue(byTagOut.isEmpty());
    }

    @Test
    void revisionGrowsByOnePerChangeAndUpvotesKeepTheHighest() {
        String[] seven = {"2508.00001", "Robot Grasping", "A robot grasps.", "7"};
        String[] fifty = {"2508.00001", "Robot Grasping", "A robot grasps.", "50"};
        String[] ten = {"2508.00001", "Robot Grasping", "A robot grasps.", "10"};
        publish(apiPage("https://hf.example/day1", "2025-08-20T10:00:00Z", seven));
        publish(apiPage("https://hf.example/day2", "2025-08-21T10:00:00Z", fifty));
        publish(apiPage("https://hf.example/day3", "2025-08-22T10:00:00Z", ten));
        publish(apiPage("https://hf.example/day2", "2025-08-23T10:00:00Z", fifty));
        List<Paper> out = papersOut.readValuesToList();
        assertEquals(List.of(1, 2, 3), out.stream().map(Paper::getRevision).toList());
        assertEquals(List.of(7, 50, 50), out.stream().map(Paper::getUpvotes).toList());
        assertEquals(List.of(1, 2, 3), out.stream().map(Paper::getAppearances).toList());
    }

    @Test
    void byTagTopicHasOneRecordPerPaperAndTagKeyedByTag() {
        publish(apiPage("https://hf.example/p", "2025-08-20T10:00:00Z", new String[] {
            "2508.00002", "Large Language Model Agents", "LLM agents use tools with a large language model.", "3"
        }));
        Paper paper = papersOut.readValue();
        List<String> tags = paper.getTags().stream().map(t -> t.getName()).toList();
        List<KeyValue<String, Paper>> byTag = byTagOut.readKeyValuesToList();
        assertEquals(tags, byTag.stream().map(kv -> kv.key).toList());
        assertTrue(byTag.stream().allMatch(kv -> kv.value.getPaperId().equals("2508.00002")));
        assertEquals(true, tags.contains("language/llm"), tags.toString());
    }

    @Test
    void areaTopicCarriesOnlyThatAreasPapers() {
        TestOutputTopic<String, Paper> robotics =
                driver.createOutputTopic(TOPICS.areaTopic("robotics"), new StringDeserializer(), papers.deserializer());
        TestOutputTopic<String, Paper> speech =
                driver.createOutputTopic(TOPICS.areaTopic("speech"), new StringDeserializer(), papers.deserializer());
        publish(apiPage("https://hf.example/p", "2025-08-20T10:00:00Z", robot("2508.00001"), new String[] {
            "2508.00003", "Speech Recognition for Audio", "Speech and audio models for spoken language.", "1"
        }));
        assertEquals(
                List.of("2508.00001"),
                robotics.readKeyValuesToList().stream().map(kv -> kv.key).toList());
        assertEquals(
                List.of("2508.00003"),
                speech.readKeyValuesToList().stream().map(kv -> kv.key).toList());
    }

    @Test
    void textPageWithoutArxivIdsGetsTitleHashIds() {
        RawPage page = RawPages.rawPage(
                "file:///daily-papers-2025-08-21.txt", Fixtures.bytes("daily-papers-2025-08-21.txt"), "text/plain");
        publish(page);
        List<KeyValue<String, Paper>> out = papersOut.readKeyValuesToList();
        assertEquals(3, out.size());
        assertEquals(
                "title:" + PaperIds.titleHash("VectorMapNet: End-to-end Vectorized HD Map Learning"), out.get(0).key);
    }

    @Test
    void unparseablePageBecomesOneDeadLetterWithReasonAndOriginalBytes() {
        RawPage page = RawPages.rawPage(
                "https://example.org/blog",
                "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8),
                "text/html");
        publish(page);
        assertTrue(papersOut.isEmpty());
        List<KeyValue<String, DeadLetter>> out = pagesDlqOut.readKeyValuesToList();
        assertEquals(1, out.size());
        DeadLetter letter = out.get(0).value;
        assertEquals("https://example.org/blog", out.get(0).key);
        assertEquals("enrich-parse", letter.getStage());
        assertEquals(
                "HTML page is not a digest page: no Hugging Face DailyPapers data, no arXiv listing entries, "
                        + "no arXiv abstract (URI https://example.org/blog)",
                letter.getReason());
        assertEquals(ByteBuffer.wrap(rawPages.serializer().serialize("t", page)), letter.getOriginalValue());
        assertEquals("digest.pages.raw", letter.getSourceTopic());
        assertEquals(0L, letter.getSourceOffset());
    }

    @Test
    void bytesThatAreNotARawPageBecomeADeserializeDeadLetterAndTheNextPageStillFlows() {
        bytesIn.pipeInput("file:///garbage", new byte[] {9, 9, 9});
        publish(RawPages.rawPage(
                "file:///daily-papers-2025-08-21.txt", Fixtures.bytes("daily-papers-2025-08-21.txt"), "text/plain"));
        DeadLetter letter = pagesDlqOut.readValue();
        assertEquals("enrich-deserialize", letter.getStage());
        assertEquals(ByteBuffer.wrap(new byte[] {9, 9, 9}), letter.getOriginalValue());
        assertEquals(ByteBuffer.wrap("file:///garbage".getBytes(StandardCharsets.UTF_8)), letter.getOriginalKey());
        assertEquals(3, papersOut.readValuesToList().size());
    }

    @Test
    void samePaperTwiceOnOnePageComesOutOnce() {
        String doubled = "[" + "{\"paper\":{\"id\":\"2508.00001\",\"title\":\"Same\"}},".repeat(2)
                + "{\"paper\":{\"id\":\"2508.00002\",\"title\":\"Other\"}}]";
        publish(RawPages.rawPage("file:///d.json", doubled.getBytes(StandardCharsets.UTF_8), "application/json"));
        assertEquals(
                List.of("2508.00001", "2508.00002"),
                papersOut.readKeyValuesToList().stream().map(kv -> kv.key).toList());
    }

    @Test
    void partlyBrokenPageSendsItsGoodPapersAndOneDeadLetterForTheRest() {
        String json = "[{\"paper\":{\"id\":\"2508.00001\",\"title\":\"Good\"}},{\"paper\":{\"id\":\"2508.00002\"}}]";
        RawPage page =
                RawPages.rawPage("file:///partial.json", json.getBytes(StandardCharsets.UTF_8), "application/json");
        publish(page);
        assertEquals(
                List.of("2508.00001"),
                papersOut.readKeyValuesToList().stream().map(kv -> kv.key).toList());
        DeadLetter letter = pagesDlqOut.readValue();
        assertEquals("enrich-parse-entries", letter.getStage());
        assertEquals(
                "1 entry of the hf-daily-api-json page could not be read (its other 1 papers were published): "
                        + "entry 2: daily papers JSON item has no title",
                letter.getReason());
        assertEquals(ByteBuffer.wrap(rawPages.serializer().serialize("t", page)), letter.getOriginalValue());
    }

    @Test
    void processingErrorInMergeIsAPaperDeadLetterAndTheOtherPapersStillFlow() {
        publish(apiPage(
                "https://hf.example/p",
                "2025-08-20T10:00:00Z",
                new String[] {"2508.00009", "Poison Paper", "x", "1"},
                robot("2508.00001")));
        assertEquals(
                List.of("2508.00001"),
                papersOut.readKeyValuesToList().stream().map(kv -> kv.key).toList());
        KeyValue<String, DeadLetter> letter = papersDlqOut.readKeyValue();
        assertEquals("2508.00009", letter.key);
        assertEquals("enrich-process", letter.value.getStage());
        assertEquals(
                "processor merge-paper failed: IllegalStateException: cannot merge 2508.00009",
                letter.value.getReason());
        assertEquals("digest-enrich-papers-by-id-repartition", letter.value.getSourceTopic());
        Paper original = papers.deserializer().deserialize("t", bytes(letter.value.getOriginalValue()));
        assertEquals("Poison Paper", original.getTitle());
    }

    @Test
    void aMergedPaperThatCannotBeWrittenFailsTheTaskInsteadOfLeavingTheStoreAheadOfTheTopic() {
        driver.close();
        start(new AvroTestSerde<>(Paper.class) {
            @Override
            public org.apache.kafka.common.serialization.Serializer<Paper> serializer() {
                org.apache.kafka.common.serialization.Serializer<Paper> inner = super.serializer();
                return (topic, paper) -> {
                    if (topic.equals(TOPICS.papers()) && paper.getTitle().contains("Unwritable")) {
                        throw new IllegalArgumentException("registry unreachable for " + topic);
                    }
                    return inner.serialize(topic, paper);
                };
            }
        });
        org.apache.kafka.streams.errors.StreamsException failure = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.streams.errors.StreamsException.class,
                () -> publish(apiPage("https://hf.example/p", "2025-08-20T10:00:00Z", new String[] {
                    "2508.00008", "Unwritable Robot Paper", "A robot.", "1"
                })));
        StringBuilder causes = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            causes.append(t).append('\n');
        }
        assertEquals(true, causes.toString().contains("registry unreachable for digest.papers"), causes.toString());
        assertEquals(true, papersDlqOut.isEmpty());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
