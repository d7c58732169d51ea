package dev.digestpipeline.enrich.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
        KeyValueStore<String, String> placements = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(TrendPlacementProcessor.STORE), Serdes.String(), Serdes.String())
                .withLoggingDisabled()
                .build();
        pending = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(TrendPlacementProcessor.PENDING),
                        Serdes.String(),
                        PendingChanges.serde())
                .withLoggingDisabled()
                .build();
        placements.init(context.getStateStoreContext(), placements);
        pending.init(context.getStateStoreContext(), pending);
        context.addStateStore(placements);
        context.addStateStore(pending);
        processor.init(context);
    }

    private void place(String id) {
        Paper paper = Paper.newBuilder()
                .setPaperId(id)
                .setTitle("Paper " + id)
                .setDigestDate(LocalDate.parse("2025-08-20"))
                .setParsedAt(Instant.parse("2025-08-20T10:00:00Z"))
                .setTags(List.of(new Tag("robotics", 1.0, List.of())))
                .build();
        processor.process(new Record<>(id, paper, 0L));
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
