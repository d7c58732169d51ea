package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-21T08:00:00Z"), ZoneOffset.UTC);
    private final AvroTestSerde<RawPage> rawPages = new AvroTestSerde<>(RawPage.class);
    private final AvroTestSerde<Paper> papers = new AvroTestSerde<>(Paper.class);
    private final AvroTestSerde<DeadLetter> deadLetters = new AvroTestSerde<>(DeadLetter.class);
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawPage> pagesIn;
    private TestInputTopic<String, byte[]> bytesIn;
    private TestOutputTopic<String, Paper> papersOut;
    private TestOutputTopic<String, DeadLetter> dlqOut;

    @BeforeEach
    void start() {
        EnrichConfig.TopicNames topics = EnrichConfig.TopicNames.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(EnrichTopology.build(topics, rawPages.deserializer(), papers, deadLetters,
                new PageEnricher(TopicTagger.defaultTaxonomy(), CLOCK), new EnrichCounters(), CLOCK), props);
        pagesIn = driver.createInputTopic(topics.pagesRaw(), new StringSerializer(), rawPages.serializer());
        bytesIn = driver.createInputTopic(topics.pagesRaw(), new StringSerializer(), new ByteArraySerializer());
        papersOut = driver.createOutputTopic(topics.papers(), new StringDeserializer(), papers.deserializer());
        dlqOut = driver.createOutputTopic(topics.pagesDlq(), new StringDeserializer(), deadLetters.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void pageBecomesOneRecordPerPaperKeyedByPaperId() {
        RawPage page = Fixtures.rawPage("https://huggingface.co/api/daily_papers", Fixtures.bytes("daily-papers-api.json"), "application/json");
        pagesIn.pipeInput(page.getSourceUri(), page);
        List<KeyValue<String, Paper>> out = papersOut.readKeyValuesToList();
        assertEquals(List.of("2508.14567", "2508.10001"), out.stream().map(kv -> kv.key).toList());
        Paper first = out.get(0).value;
        assertEquals("Agents That Use Tools: A Benchmark", first.getTitle());
        assertEquals(List.of("https://huggingface.co/api/daily_papers"), first.getSourcePages());
        assertEquals(42, first.getUpvotes());
        assertEquals(Instant.parse("2025-08-21T08:00:00Z"), first.getParsedAt());
        assertTrue(dlqOut.isEmpty());
    }

    @Test
    void textPageWithoutArxivIdsGetsTitleHashIds() {
        RawPage page = Fixtures.rawPage("file:///daily-papers-2025-08-21.txt", Fixtures.bytes("daily-papers-2025-08-21.txt"), "text/plain");
        pagesIn.pipeInput(page.getSourceUri(), page);
        List<KeyValue<String, Paper>> out = papersOut.readKeyValuesToList();
        assertEquals(3, out.size());
        assertEquals("title:" + PaperIds.titleHash("VectorMapNet: End-to-end Vectorized HD Map Learning"), out.get(0).key);
        assertEquals(List.of("robotics", "robotics/autonomous-driving"),
                out.get(0).value.getTags().stream().map(t -> t.getName()).toList().subList(0, 2));
    }

    @Test
    void unparseablePageBecomesOneDeadLetterWithReasonAndOriginalBytes() {
        RawPage page = Fixtures.rawPage("https://example.org/blog", "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), "text/html");
        pagesIn.pipeInput(page.getSourceUri(), page);
        assertTrue(papersOut.isEmpty());
        List<KeyValue<String, DeadLetter>> out = dlqOut.readKeyValuesToList();
        assertEquals(1, out.size());
        DeadLetter letter = out.get(0).value;
        assertEquals("https://example.org/blog", out.get(0).key);
        assertEquals("enrich-parse", letter.getStage());
        assertEquals("HTML page is not a Hugging Face Daily Papers page (no DailyPapers data, URI https://example.org/blog)", letter.getReason());
        assertEquals(ByteBuffer.wrap(rawPages.serializer().serialize("t", page)), letter.getOriginalValue());
        assertEquals("digest.pages.raw", letter.getSourceTopic());
        assertEquals(0L, letter.getSourceOffset());
    }

    @Test
    void bytesThatAreNotARawPageBecomeADeserializeDeadLetterAndTheNextPageStillFlows() {
        bytesIn.pipeInput("file:///garbage", new byte[] {9, 9, 9});
        RawPage page = Fixtures.rawPage("file:///daily-papers-2025-08-21.txt", Fixtures.bytes("daily-papers-2025-08-21.txt"), "text/plain");
        pagesIn.pipeInput(page.getSourceUri(), page);
        DeadLetter letter = dlqOut.readValue();
        assertEquals("enrich-deserialize", letter.getStage());
        assertEquals(ByteBuffer.wrap(new byte[] {9, 9, 9}), letter.getOriginalValue());
        assertEquals(ByteBuffer.wrap("file:///garbage".getBytes(StandardCharsets.UTF_8)), letter.getOriginalKey());
        assertEquals(3, papersOut.readValuesToList().size());
    }

    @Test
    void samePaperTwiceOnOnePageComesOutOnce() {
        String doubled = "[" + "{\"paper\":{\"id\":\"2508.00001\",\"title\":\"Same\"}},".repeat(2) + "{\"paper\":{\"id\":\"2508.00002\",\"title\":\"Other\"}}]";
        RawPage page = Fixtures.rawPage("file:///d.json", doubled.getBytes(StandardCharsets.UTF_8), "application/json");
        pagesIn.pipeInput(page.getSourceUri(), page);
        assertEquals(List.of("2508.00001", "2508.00002"), papersOut.readKeyValuesToList().stream().map(kv -> kv.key).toList());
    }
}
