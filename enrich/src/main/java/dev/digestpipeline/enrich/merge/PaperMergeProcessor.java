package dev.digestpipeline.enrich.merge;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.enrich.EnrichCounters;
import dev.digestpipeline.schemas.Paper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one merged state per paper id in {@value #STORE} and forwards it, with its revision one higher, only
 * when a page changed it, along with the state before ({@link PaperChange}). An exception here goes to the
 * processing exception handler, which dead-letters the record; the stream thread keeps running.
 */
public final class PaperMergeProcessor implements Processor<String, Paper, String, PaperChange> {
    public static final String STORE = "merged-papers";

    private final PaperMerger merger;
    private final EnrichCounters counters;
    private final Clock clock;
    private ProcessorContext<String, PaperChange> context;
    private KeyValueStore<String, Paper> store;

    public PaperMergeProcessor(PaperMerger merger, EnrichCounters counters, Clock clock) {
        this.merger = merger;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, PaperChange> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Paper> record) {
        Paper known = store.get(record.key());
        if (record.value() == null) {
            retire(record, known);
            return;
        }
        Paper merged = merger.merge(known, record.value());
        if (known != null && PaperMerger.sameState(known, merged)) {
            counters.unchanged();
            return;
        }
        merged.setRevision(known == null ? 1 : known.getRevision() + 1);
        merged.setParsedAt(clock.instant());
        store.put(record.key(), merged);
        counters.merged();
        context.forward(record.withValue(new PaperChange(known, merged)));
    }

    /**
     * A paper id retired by {@link dev.digestpipeline.enrich.identity.PaperIdentityProcessor}: its state is
     * dropped and a tombstone goes out, carrying in {@value Topics#REVISION_HEADER} the revision after the last, so that
     * the sink's delete wins over any earlier revision read late.
     */
    private void retire(Record<String, Paper> record, Paper known) {
        if (known == null) {
            return;
        }
        store.delete(record.key());
        Headers headers = new RecordHeaders();
        headers.add(
                Topics.REVISION_HEADER, Long.toString(known.getRevision() + 1L).getBytes(StandardCharsets.UTF_8));
        context.forward(record.withValue(new PaperChange(known, null)).withHeaders(headers));
    }
}
