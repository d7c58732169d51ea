package dev.digestpipeline.enrich.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.digestpipeline.enrich.merge.PaperChange;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor alone, on in-memory stores: what it keeps pending between sends, and where it reads it from. */
class TrendPlacementProcessorTest {
    private static final String DAY = "day|2025-08-20T00:00:00Z";

    private final MockProcessorContext<String, Integer> context = new MockProcessorContext<>();
    private final TrendPlacementProcessor processor = new TrendPlacementProcessor(Duration.ofSeconds(1));
    private KeyValueStore<String, PendingChanges> pending;

    @BeforeEach
    void init() {
        pending = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(TrendPlacementProcessor.PENDING),
                        Serdes.String(),
                        PendingChanges.serde())
                .withLoggingDisabled()
                .build();
        pending.init(context.getStateStoreContext(), pending);
        context.addStateStore(pending);
        processor.init(context);
    }

    private static Paper paper(String id, String... tags) {
        return Paper.newBuilder()
                .setPaperId(id)
                .setTitle("Paper " + id)
                .setDigestDate(LocalDate.parse("2025-08-20"))
                .setParsedAt(Instant.parse("2025-08-20T10:00:00Z"))
                .setTags(
                        Arrays.stream(tags).map(t -> new Tag(t, 1.0, List.of())).toList())
                .build();
    }

    private void place(String id) {
        processor.process(new Record<>(id, new PaperChange(null, paper(id, "robotics")), 0L));
    }

    @Test
    void aChangeCountsTheWindowsThePaperEntersAndLeavesAndNoOther() {
        processor.process(new Record<>(
                "2508.00001",
                new PaperChange(paper("2508.00001", "robotics", "nlp"), paper("2508.00001", "robotics", "vision")),
                0L));
        assertEquals(Map.of("nlp", -1, "vision", 1), pending.get(DAY).byTag());
    }

    @Test
    void aRetiredIdLeavesEveryWindowItCountedIn() {
        processor.process(new Record<>("title:paper-x", new PaperChange(paper("title:paper-x", "nlp"), null), 0L));
        assertEquals(Map.of("nlp", -1), pending.get(DAY).byTag());
    }

    @Test
    void aChangeOutsideTheTagsAndDaysChangesNoCount() {
        Paper before = paper("2508.00001", "robotics");
        Paper after = Paper.newBuilder(before).setUpvotes(12).build();
        processor.process(new Record<>("2508.00001", new PaperChange(before, after), 0L));
        assertNull(pending.get(DAY));
        assertEquals(List.of(), sentSoFar());
    }

    @Test
    void changesOfOneIntervalAddUpInTheStore() {
        place("2508.00001");
        place("2508.00002");
        assertEquals(Map.of("robotics", 2), pending.get(DAY).byTag());
    }

    @Test
    void afterItsStoresAreRestoredTheProcessorReadsWhatIsPendingFromThem() {
        place("2508.00001");
        // what Kafka Streams does after a crash or an aborted transaction: the stores back to what was committed,
        // then init again
        pending.put(DAY, PendingChanges.serde().deserializer().deserialize("t", new byte[] {0, 0, 0, 5}));
        processor.init(context);
        place("2508.00002");
        assertEquals(Map.of("", 5, "robotics", 1), pending.get(DAY).byTag());
    }

    @Test
    void aSendEmptiesWhatIsPending() {
        place("2508.00001");
        context.setCurrentStreamTimeMs(0L);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);
        place("2508.00002");
        assertEquals(Map.of("robotics", 1), pending.get(DAY).byTag());
        assertEquals(List.of("robotics|" + DAY + "=1", "robotics|hour|2025-08-20T10:00:00Z=1"), sentSoFar());
    }

    private List<String> sentSoFar() {
        return context.forwarded().stream()
                .map(f -> f.record().key() + "=" + f.record().value())
                .toList();
    }
}
