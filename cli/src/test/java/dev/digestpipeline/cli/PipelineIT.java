package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.cli.tail.TopicTail;
import dev.digestpipeline.common.kafka.DeadLetters;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.enrich.EnrichApp;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.examples.AreaConsumer;
import dev.digestpipeline.ingest.IngestApp;
import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.IngestSummary;
import dev.digestpipeline.ops.deadletters.DeadLetterLines;
import dev.digestpipeline.ops.deadletters.DeadLetterReplay;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.sink.SinkApp;
import dev.digestpipeline.sink.SinkConfig;
import dev.digestpipeline.sink.index.PaperDocument;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ingest -> enrich -> sink on the real local stack: Kafka, Apicurio Registry and Elasticsearch. */
@ExtendWith(LocalStackExtension.class)
class PipelineIT {
    private static LocalStack stack;
    private static EnrichApp enrich;
    private static SinkApp sink;
    private static PipelineProbe probe;
    private static KafkaProducer<String, Paper> papersProducer;

    @BeforeAll
    static void startPipeline(LocalStack running, @TempDir Path state) throws Exception {
        stack = running;
        Map<String, String> env = Map.of(
                BOOTSTRAP_SERVERS.envName(),
                stack.bootstrapServers(),
                REGISTRY_URL.envName(),
                stack.registryUrl(),
                ELASTICSEARCH_URL.envName(),
                stack.elasticsearchUrl(),
                EnrichConfig.STATE_DIR.envName(),
                state.toString());
        enrich = new EnrichApp(EnrichConfig.of(env));
        enrich.start();
        sink = new SinkApp(SinkConfig.of(env));
        sink.start();
        probe = new PipelineProbe(
                stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends");
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (enrich != null) {
            enrich.close();
        }
        // closed last: closing a registry serde while enrich and sink still use the registry client is not tested
        if (papersProducer != null) {
            papersProducer.close();
        }
        if (probe != null) {
            probe.close();
        }
    }

    /** A producer of papers straight to digest.papers, as a replay or another writer would send them. */
    private static KafkaProducer<String, Paper> papersProducer() {
        if (papersProducer == null) {
            Properties props = new Properties();
            props.put("bootstrap.servers", stack.bootstrapServers());
            papersProducer = new KafkaProducer<>(
                    props,
                    new StringSerializer(),
                    Topics.PAPERS.valueSerde(stack.registryUrl()).serializer());
        }
        return papersProducer;
    }

    private static IngestSummary publish(String... pages) throws Exception {
        IngestConfig config = IngestConfig.of(Map.of(
                BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers(), REGISTRY_URL.envName(), stack.registryUrl()));
        IngestSummary summary = IngestApp.publish(config, List.of(pages), null);
        assertEquals(List.of(), summary.failed());
        probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(3), line -> {});
        return summary;
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static final String PAGE = """
            Daily Papers

            Aug 22

            Sparse Mixture-of-Experts at Scale

            We train a mixture of experts language model with 34B parameters.

            Retrieval &amp; Ranking for Long Context

            Long-context retrieval with 1M tokens.

            Robots That Learn From Video

            Robot manipulation policies learned from human videos.
            """;

    @Test
    void tailPrintsAPaperOfDigestPapersDecodedWithItsKey(@TempDir Path dir) throws Exception {
        publish(write(dir, "daily-papers-2025-08-23.txt", """
                        Daily Papers

                        Aug 23

                        Owls Track Prey With Sparse Attention

                        A vision transformer for owls.
                        """).toString());
        List<String> lines = new ArrayList<>();
        try (TopicTail tail = new TopicTail(stack.bootstrapServers(), stack.registryUrl())) {
            int printed = tail.read(
                    Topics.PAPERS.name(),
                    new TopicTail.Options(true, 0, null, "owls track prey", true),
                    lines::add,
                    () -> false);
            assertEquals(1, printed);
        }
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertEquals(
                "Owls Track Prey With Sparse Attention", line.at("/value/title").asText());
        assertEquals(line.at("/value/paperId").asText(), line.get("key").asText());
        assertEquals("2025-08-23", line.at("/value/digestDate").asText());
        assertEquals(1, line.at("/value/revision").asInt());
    }

    @Test
    void theExampleConsumerOfAnAreaReadsItsPapersDecoded(@TempDir Path dir) throws Exception {
        publish(write(dir, "daily-papers-2025-08-25.txt", """
                        Daily Papers

                        Aug 25

                        Grasping Robots Learn From Play

                        A robot arm learns grasping from human play videos.
                        """).toString());
        List<String> lines = new ArrayList<>();
        Properties props =
                AreaConsumer.properties(stack.bootstrapServers(), stack.registryUrl(), "example-" + System.nanoTime());
        try (KafkaConsumer<String, Paper> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.AREA.name() + "robotics"));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (lines.stream().noneMatch(l -> l.contains("  Grasping Robots Learn From Play  ["))) {
                assertTrue(System.nanoTime() < deadline, "not read from the robotics area: " + lines);
                consumer.poll(Duration.ofMillis(500)).forEach(r -> lines.add(AreaConsumer.line(r.value())));
            }
        }
        String line = lines.stream()
                .filter(l -> l.contains("  Grasping Robots Learn From Play  ["))
                .findFirst()
                .orElseThrow();
        assertTrue(line.startsWith("title:") && line.contains("robotics"), line);
    }

    @Test
    void tailOfATopicTheBrokerHasNotSaysWhichDigestTopicsItHas() {
        try (TopicTail tail = new TopicTail(stack.bootstrapServers(), stack.registryUrl())) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> tail.read(
                            "digest.papres",
                            new TopicTail.Options(true, 1, null, null, true),
                            line -> {},
                            () -> false));
            assertTrue(
                    e.getMessage()
                            .startsWith("no topic 'digest.papres' on " + stack.bootstrapServers()
                                    + "; digest topics there: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(Topics.PAPERS.name() + ", "), e.getMessage());
        }
    }

    @Test
    void pageWithThreePapersGivesExactlyThreeDocumentsWithExactTitlesAndAbstracts(@TempDir Path dir) throws Exception {
        Path page = write(dir, "daily-papers-2025-08-22.txt", PAGE);
        Set<String> uris = Set.copyOf(publish(page.toString()).published());
        List<PaperDocument> docs = probe.papersFrom(uris);
        assertEquals(3, docs.size());
        List<List<String>> titlesAndAbstracts = new ArrayList<>();
        docs.stream()
                .sorted(java.util.Comparator.comparing(PaperDocument::title))
                .forEach(d -> titlesAndAbstracts.add(List.of(d.title(), d.abstractText(), d.digestDate())));
        assertEquals(
                List.of(
                        List.of(
                                "Retrieval & Ranking for Long Context",
                                "Long-context retrieval with 1M tokens.",
                                "2025-08-22"),
                        List.of(
                                "Robots That Learn From Video",
                                "Robot manipulation policies learned from human videos.",
                                "2025-08-22"),
                        List.of(
                                "Sparse Mixture-of-Experts at Scale",
                                "We train a mixture of experts language model with 34B parameters.",
                                "2025-08-22")),
                titlesAndAbstracts);
    }

    @Test
    void mergedPaperIsRoutedByTagAndByAreaAndCountedInTheTrends(@TempDir Path dir) throws Exception {
        Path page = write(dir, "daily-papers-2025-08-25.txt", """
                Aug 25

                Robot Grasping From Video Demonstrations

                A robot learns grasping and manipulation from videos of people.
                """);
        Set<String> uris = Set.copyOf(publish(page.toString()).published());
        Set<String> ids = probe.parsedPaperIds(uris);
        assertEquals(1, ids.size());
        String id = ids.iterator().next();
        List<String> tagKeys = probe.<Paper>records(Topics.PAPERS_BY_TAG.name()).stream()
                .filter(r -> r.value().getPaperId().equals(id))
                .map(r -> r.key())
                .toList();
        assertEquals(true, tagKeys.contains("robotics"), tagKeys.toString());
        assertEquals(
                1,
                probe.<Paper>records(Topics.AREA.name() + "robotics").stream()
                        .filter(r -> r.key().equals(id))
                        .count());
        assertEquals(
                0,
                probe.<Paper>records(Topics.AREA.name() + "speech").stream()
                        .filter(r -> r.key().equals(id))
                        .count());
        // trend updates leave with enrich's next commit
        List<TagTrend> trends = List.of();
        for (int i = 0; i < 60 && trends.isEmpty(); i++) {
            trends = probe.<TagTrend>records(Topics.TRENDS.name()).stream()
                    .map(r -> r.value())
                    .filter(t -> t.getTag().equals("robotics") && t.getDistinctPapers() >= 1)
                    .toList();
            Thread.sleep(500);
        }
        assertEquals(
                Set.of("day", "hour"),
                trends.stream().map(TagTrend::getGranularity).collect(java.util.stream.Collectors.toSet()));
        probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(1), line -> {});
        // the sink indexes each window under the key enrich published it with, holding the window's latest count
        Map<String, Integer> published = new java.util.HashMap<>();
        probe.<TagTrend>records(Topics.TRENDS.name()).stream()
                .filter(r -> r.value().getTag().equals("robotics"))
                .forEach(r -> published.put(r.key(), r.value().getDistinctPapers()));
        Map<String, Integer> indexed = new java.util.HashMap<>();
        probe.trends("robotics").forEach(t -> indexed.put(t.id(), t.distinctPapers()));
        assertEquals(published, indexed);
    }

    @Test
    void aTextPageAndTheApiPageOfTheSamePapersLeaveOneDocumentPerPaper(@TempDir Path dir) throws Exception {
        Path text = write(dir, "daily-papers-2025-08-26.txt", """
                Daily Papers

                Aug 26

                Identity Across Formats: One Paper, One Document

                A paper seen on a text page and on an API answer is one paper.

                Folding Titles for Matching Sightings.

                Case, spacing and trailing periods do not make another paper.
                """);
        Set<String> textUris = Set.copyOf(publish(text.toString()).published());
        assertEquals(2, probe.papersFrom(textUris).size());
        Path api = write(dir, "daily-papers-api-2025-08-26.json", """
                [{"paper": {"id": "2508.26001", "title": "Identity across formats: one paper, one document",
                  "summary": "A paper seen on a text page and on an API answer is one paper.", "upvotes": 4}},
                 {"paper": {"id": "2508.26002v2", "title": "Folding Titles for Matching Sightings",
                  "summary": "Case, spacing and trailing periods do not make another paper.", "upvotes": 2}}]
                """);
        Set<String> uris = new java.util.HashSet<>(textUris);
        uris.addAll(publish(api.toString()).published());
        List<PaperDocument> docs = List.of();
        for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < until; ) {
            docs = probe.papersFrom(uris);
            if (docs.size() == 2) {
                break;
            }
            Thread.sleep(200);
        }
        // the title-keyed documents of the text page were deleted, the arXiv ids' hold both sightings
        assertEquals(
                List.of("2508.26001", "2508.26002"),
                docs.stream().map(PaperDocument::paperId).toList());
        for (PaperDocument doc : docs) {
            assertEquals(2, doc.appearances(), doc.paperId());
        }
    }

    @Test
    void republishedPageLeavesTheMergedRevisionAtOne(@TempDir Path dir) throws Exception {
        Path page =
                write(dir, "daily-papers-2025-08-26.txt", "Aug 26\n\nA Paper Published Twice\n\nSame bytes again.\n");
        Set<String> uris = Set.copyOf(publish(page.toString()).published());
        publish(page.toString());
        List<Paper> states = probe.<Paper>records(Topics.PAPERS.name()).stream()
                .map(r -> r.value())
                .filter(p -> p != null && p.getSourcePages().stream().anyMatch(uris::contains))
                .toList();
        assertEquals(List.of(1), states.stream().map(Paper::getRevision).toList());
        assertEquals(1, states.get(0).getAppearances());
    }

    @Test
    void anOlderRevisionReadLateNeverReplacesTheNewerOne(@TempDir Path dir) throws Exception {
        Path page = write(dir, "daily-papers-2025-08-27.txt", "Aug 27\n\nA Paper Of Many Revisions\n\nIt grows.\n");
        Set<String> uris = Set.copyOf(publish(page.toString()).published());
        Paper first = probe.<Paper>records(Topics.PAPERS.name()).stream()
                .map(r -> r.value())
                .filter(p -> p != null && p.getSourcePages().stream().anyMatch(uris::contains))
                .findFirst()
                .orElseThrow();
        long staleBefore = sink.indexer().staleSkipped();
        // revision 3, then revision 2 arriving late (a replay, a rebalance)
        for (int revision : new int[] {3, 2}) {
            Paper copy = Paper.newBuilder(first)
                    .setRevision(revision)
                    .setUpvotes(revision * 10)
                    .build();
            papersProducer()
                    .send(new ProducerRecord<>(Topics.PAPERS.name(), first.getPaperId(), copy))
                    .get();
        }
        probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(1), line -> {});
        PaperDocument indexed = probe.papersFrom(uris).get(0);
        assertEquals(List.of(3, 30), List.of(indexed.revision(), indexed.upvotes()));
        assertEquals(true, sink.indexer().staleSkipped() > staleBefore, "stale writes skipped");
    }

    @Test
    void aTombstoneOfAPaperNeverIndexedIsDoneNotADeadLetter(@TempDir Path dir) throws Exception {
        // enrich retires a title: id whose document the sink may never have written (or already deleted)
        String key = "title:never-indexed-" + System.nanoTime();
        long lettersBefore = sink.indexer().deadLettered();
        ProducerRecord<String, Paper> tombstone = new ProducerRecord<>(Topics.PAPERS.name(), key, null);
        tombstone.headers().add(Topics.REVISION_HEADER, "2".getBytes(StandardCharsets.UTF_8));
        papersProducer().send(tombstone).get();
        Path good = write(dir, "daily-papers-2025-08-28.txt", "Aug 28\n\nIndexed After A Tombstone\n\nIts abstract.\n");
        publish(good.toString());
        probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(1), line -> {});
        assertEquals(List.of(), probe.deadLetters(Topics.PAPERS_DLQ.name(), Set.of(key)));
        assertEquals(lettersBefore, sink.indexer().deadLettered());
        assertEquals(
                List.of("Indexed After A Tombstone"),
                probe.papersFrom(Set.of(good.toUri().toString())).stream()
                        .map(PaperDocument::title)
                        .toList());
    }

    @Test
    void aPageLargerThanEnrichFetchesAtOnceGivesAllItsPapers(@TempDir Path dir) throws Exception {
        RawPage generated = PageGenerator.page("arxiv-atom", 1_000, 11, 700_000);
        Path page = dir.resolve("arxiv-query-1000.xml");
        Files.write(page, Utils.toArray(generated.getContent()));
        assertTrue(Files.size(page) > 3 * EnrichApp.FETCH_BYTES, "the page is " + Files.size(page) + " bytes");
        Set<String> uris = Set.copyOf(publish(page.toString()).published());
        assertEquals(1_000, probe.papersFrom(uris).size());
    }

    @Test
    void publishingTheSamePageAgainKeepsTheSameDocuments(@TempDir Path dir) throws Exception {
        Path page = write(
                dir,
                "daily-papers-2025-08-23.txt",
                PAGE.replace("Aug 22", "Aug 23")
                        .replace("Sparse", "Dense")
                        .replace("Retrieval &amp;", "Reranking")
                        .replace("Robots", "Drones"));
        Set<String> uris = Set.copyOf(publish(page.toString()).published());
        List<String> first =
                probe.papersFrom(uris).stream().map(PaperDocument::paperId).toList();
        publish(page.toString());
        List<String> second =
                probe.papersFrom(uris).stream().map(PaperDocument::paperId).toList();
        assertEquals(3, second.size());
        assertEquals(first, second);
    }

    @Test
    void unparseablePageIsDeadLetteredWithItsReasonWhileGoodPagesStillArrive(@TempDir Path dir) throws Exception {
        Path bad = write(dir, "blog.html", "<html><body>not a digest</body></html>");
        Path good = write(dir, "daily-papers-2025-08-24.txt", "Aug 24\n\nA Single Good Paper\n\nIts abstract.\n");
        IngestSummary summary = publish(bad.toString(), good.toString());
        String badUri = bad.toUri().toString();
        List<DeadLetter> letters = probe.deadLetters(Topics.PAGES_DLQ.name(), Set.of(badUri));
        assertEquals(1, letters.size());
        assertEquals("enrich-parse", letters.get(0).getStage());
        // './digest dlq list' finds it by stage, with its key
        assertEquals(
                1,
                DeadLetterLines.list(probe.records(Topics.PAGES_DLQ.name()), "enrich-parse", null).stream()
                        .filter(line -> line.contains("  " + badUri + "  "))
                        .count());
        assertEquals(
                "HTML page is not a digest page: no Hugging Face DailyPapers data, no arXiv listing entries, "
                        + "no arXiv abstract (URI " + badUri + ")",
                letters.get(0).getReason());
        assertEquals(
                List.of("A Single Good Paper"),
                probe.papersFrom(Set.of(good.toUri().toString())).stream()
                        .map(PaperDocument::title)
                        .toList());
        assertEquals(2, summary.published().size());
    }

    @Test
    void aDeadLetterOfAGoodPageIsReplayedOnceAndItsPaperIndexed() throws Exception {
        // a good page as a registry outage dead-lettered it before issue 10: its wire-format bytes, from pages.raw
        String uri = "https://replay.example/hf-2025-08-26";
        RawPage page = RawPage.newBuilder()
                .setSourceUri(uri)
                .setKind("hf-daily-api-json")
                .setFetchedAt(java.time.Instant.parse("2025-08-26T08:00:00Z"))
                .setContentType("application/json")
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(
                        "[{\"paper\":{\"id\":\"2508.17001\",\"title\":\"A Replayed Paper\",\"upvotes\":3}}]"
                                .getBytes(StandardCharsets.UTF_8)))
                .build();
        byte[] bytes =
                Topics.PAGES_RAW.valueSerde(stack.registryUrl()).serializer().serialize(Topics.PAGES_RAW.name(), page);
        DeadLetter letter = DeadLetters.of(
                "enrich-deserialize",
                "schema registry unavailable",
                Topics.PAGES_RAW.name(),
                0,
                0L,
                uri.getBytes(StandardCharsets.UTF_8),
                bytes,
                java.time.Instant.now());
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(
                props,
                new StringSerializer(),
                Topics.PAGES_DLQ.valueSerde(stack.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.PAGES_DLQ.name(), uri, letter))
                    .get();
        }
        List<ConsumerRecord<String, DeadLetter>> ours = probe.<DeadLetter>records(Topics.PAGES_DLQ.name()).stream()
                .filter(r -> uri.equals(r.key()))
                .toList();
        assertEquals(1, ours.size());
        String id = DeadLetterLines.id(ours.get(0));

        DeadLetterReplay.Plan first = DeadLetterReplay.plan(
                ours,
                DeadLetterReplay.replayed(probe.topicRecords(), stack.bootstrapServers()),
                "enrich-deserialize",
                null);
        assertEquals(
                List.of(id), DeadLetterReplay.replay(first.replay(), stack.bootstrapServers(), stack.registryUrl()));
        probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(3), line -> {});
        assertEquals(
                List.of("A Replayed Paper"),
                probe.papersFrom(Set.of(uri)).stream().map(PaperDocument::title).toList());

        DeadLetterReplay.Plan second = DeadLetterReplay.plan(
                ours,
                DeadLetterReplay.replayed(probe.topicRecords(), stack.bootstrapServers()),
                "enrich-deserialize",
                null);
        assertEquals(List.of(), second.replay());
        assertEquals(List.of(id), second.alreadyReplayed());
    }

    private static Path corpus() {
        String dir = System.getProperty("digest.corpus");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "corpus not present (set -Ddigest.corpus)");
        return Path.of(dir);
    }

    @Test
    void corpusTextPageGivesIts88PapersWithTheTitleLinesOfTheFile() throws Exception {
        Path file = corpus().resolve("text/daily-papers-2025-08-20.txt");
        List<String> lines = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        List<String> titleLines = new ArrayList<>();
        for (int i = 6; i < lines.size(); i += 2) {
            titleLines.add(lines.get(i));
        }
        Set<String> uris = Set.copyOf(publish(file.toString()).published());
        List<String> titles = probe.papersFrom(uris).stream()
                .map(PaperDocument::title)
                .sorted()
                .toList();
        assertEquals(88, titles.size());
        assertEquals(titleLines.stream().sorted().toList(), titles);
    }

    @Test
    void corpusApiJsonGivesIts30PapersWithArxivIds() throws Exception {
        Path file = corpus().resolve("hf/api-daily-papers.json");
        Set<String> uris = Set.copyOf(publish(file.toString()).published());
        List<PaperDocument> docs = probe.papersFrom(uris);
        assertEquals(30, docs.size());
        docs.forEach(d -> assertEquals(d.paperId(), d.arxivId()));
        assertEquals(
                30,
                docs.stream()
                        .filter(d -> d.arxivId().matches("\\d{4}\\.\\d{5}"))
                        .count());
    }

    @Test
    void corpusArxivFeedsAndAbstractPageGiveTheirPapersWithArxivIds() throws Exception {
        Map<String, Integer> expected = Map.of(
                "arxiv/rss-atom-cs.AI-2025-08-20.xml",
                7,
                "arxiv/api-query-legacy-10.xml",
                10,
                "arxiv/abs-1902.02534.html",
                1);
        for (Map.Entry<String, Integer> file : expected.entrySet()) {
            Set<String> uris = Set.copyOf(
                    publish(corpus().resolve(file.getKey()).toString()).published());
            List<PaperDocument> docs = probe.papersFrom(uris);
            assertEquals(file.getValue(), docs.size(), file.getKey());
            assertEquals(
                    (long) file.getValue(),
                    docs.stream().filter(d -> d.paperId().equals(d.arxivId())).count(),
                    file.getKey());
        }
    }

    @Test
    void recordTheSinkCannotReadIsDeadLetteredWithItsBytesAndIndexingGoesOn(@TempDir Path dir) throws Exception {
        String key = "poison-" + System.nanoTime();
        byte[] poison = "not an Avro paper".getBytes(StandardCharsets.UTF_8);
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (var producer =
                new KafkaProducer<String, byte[]>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PAPERS.name(), key, poison))
                    .get();
        }
        Path good =
                write(dir, "daily-papers-2025-08-27.txt", "Aug 27\n\nIndexed After A Poison Record\n\nIts abstract.\n");
        publish(good.toString());
        List<DeadLetter> letters = probe.deadLetters(Topics.PAPERS_DLQ.name(), Set.of(key));
        assertEquals(1, letters.size());
        assertEquals("sink-deserialize", letters.get(0).getStage());
        assertEquals(
                true,
                letters.get(0).getReason().startsWith("value is not a Paper the registry knows: "),
                letters.get(0).getReason());
        assertEquals(Topics.PAPERS.name(), letters.get(0).getSourceTopic());
        assertEquals(ByteBuffer.wrap(poison), letters.get(0).getOriginalValue());
        assertEquals(
                List.of("Indexed After A Poison Record"),
                probe.papersFrom(Set.of(good.toUri().toString())).stream()
                        .map(PaperDocument::title)
                        .toList());
    }
}
