package dev.digestpipeline.enrich.trend;

import dev.digestpipeline.schemas.Paper;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each merged state of a paper into changes of window counts: +1 for each window it now counts in and did
 * not before, -1 for each it left (a tag dropped, an earlier day learnt). The windows a paper counts in are kept
 * in {@value #STORE}, keyed by paper id, so the work per state is a few store reads and writes, whatever the
 * number of papers in a window.
 */
public final class TrendPlacementProcessor implements Processor<String, Paper, String, Integer> {
    public static final String STORE = "trend-placements";

    private ProcessorContext<String, Integer> context;
    private KeyValueStore<String, String> store;

    @Override
    public void init(ProcessorContext<String, Integer> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Paper> record) {
        Set<String> now = TrendPlacement.of(record.value()).stream()
                .map(TrendWindow::key)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String stored = store.get(record.key());
        // window keys hold no line breaks
        Set<String> before = stored == null || stored.isEmpty()
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(stored.split("\n", -1)));
        if (now.equals(before)) {
            return;
        }
        for (String window : before) {
            if (!now.contains(window)) {
                context.forward(new Record<>(window, -1, record.timestamp()));
            }
        }
        for (String window : now) {
            if (!before.contains(window)) {
                context.forward(new Record<>(window, 1, record.timestamp()));
            }
        }
        store.put(record.key(), String.join("\n", now));
    }
}
