package dev.digestpipeline.enrich.trend;

import dev.digestpipeline.enrich.merge.PaperChange;
import dev.digestpipeline.schemas.Paper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each change of a paper's merged state into changes of window counts: +1 for each window it now counts in
 * and did not before, -1 for each it left (a tag dropped, an earlier day learnt). The windows a paper counts in are
 * a function of its merged state ({@link TrendPlacement}), so those it counted in before are read from the state
 * before, which the merge has at hand: no store of its own keeps them (one paper's look-up, write and changelog
 * record fewer). The changes add up in {@value #PENDING}, one entry per window start ({@link PendingChanges}), and
 * go out every update interval as one record per window: the papers of a busy day make one record per tag and
 * interval, not one per paper and tag. The store has a changelog, so a change committed is sent even if enrich dies
 * first.
 *
 * <p>The pending entries of a busy day hold every tag of the day, and each paper changes them: the processor keeps
 * what it last wrote to each, so that a paper reads it from memory, not from the store's bytes. The copy lives no
 * longer than the store's content: {@link #init} starts it empty, which Kafka Streams calls again whenever it
 * restores the task's stores (after a crash or an aborted transaction), and each send empties both.
 */
public final class TrendPlacementProcessor implements Processor<String, PaperChange, String, Integer> {
    public static final String PENDING = "trend-pending";

    private final Duration updateInterval;
    private ProcessorContext<String, Integer> context;
    private KeyValueStore<String, PendingChanges> pending;
    private Map<String, PendingChanges> written;

    public TrendPlacementProcessor(Duration updateInterval) {
        this.updateInterval = updateInterval;
    }

    @Override
    public void init(ProcessorContext<String, Integer> context) {
        this.context = context;
        this.pending = context.getStateStore(PENDING);
        this.written = new HashMap<>();
        context.schedule(updateInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> sendPending());
    }

    @Override
    public void process(Record<String, PaperChange> record) {
        // a retired id (null) counts nowhere: the paper it joined counts instead
        Set<String> now = keys(record.value().after());
        Set<String> before = keys(record.value().before());
        if (now.equals(before)) {
            return;
        }
        // typically two entries: the paper's day and its hour
        Map<String, PendingChanges> changes = new LinkedHashMap<>(4);
        for (String window : before) {
            if (!now.contains(window)) {
                add(changes, window, -1);
            }
        }
        for (String window : now) {
            if (!before.contains(window)) {
                add(changes, window, 1);
            }
        }
        changes.forEach((start, change) -> {
            PendingChanges sum = written.get(start);
            if (sum == null) {
                sum = pending.get(start);
            }
            if (sum == null) {
                sum = PendingChanges.none();
            }
            change.byTag().forEach(sum::add);
            if (sum.isEmpty()) {
                pending.delete(start);
                written.remove(start);
            } else {
                pending.put(start, sum); // the store keeps the bytes, so changing sum later does not change it
                written.put(start, sum);
            }
        });
    }

    private static Set<String> keys(Paper paper) {
        return paper == null ? Set.of() : TrendPlacement.keys(paper);
    }

    private static void add(Map<String, PendingChanges> changes, String window, int change) {
        changes.computeIfAbsent(TrendWindow.afterTag(window), s -> PendingChanges.none())
                .add(TrendWindow.tag(window), change);
    }

    /** One record per window whose count changed since the last send, at the stream time of the papers read. */
    private void sendPending() {
        List<KeyValue<String, PendingChanges>> changes = new ArrayList<>();
        try (KeyValueIterator<String, PendingChanges> all = pending.all()) {
            all.forEachRemaining(changes::add);
        }
        written.clear();
        long now = Math.max(0, context.currentStreamTimeMs());
        for (KeyValue<String, PendingChanges> change : changes) {
            pending.delete(change.key);
            change.value.byTag().forEach((tag, sum) -> {
                if (sum != 0) {
                    context.forward(new Record<>(PendingChanges.windowKey(tag, change.key), sum, now));
                }
            });
        }
    }
}
