package dev.digestpipeline.enrich.page;

import dev.digestpipeline.common.kafka.DeadLetterStage;
import dev.digestpipeline.common.kafka.DeadLetters;
import dev.digestpipeline.common.registry.RegistryFailures;
import dev.digestpipeline.enrich.EnrichCounters;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads raw page bytes and emits one outcome per paper, or one dead letter with the reason and the original
 * bytes. It reads bytes itself so that a record the registry serde cannot read becomes a dead letter too, and no
 * exception reaches the stream thread.
 */
public final class PageProcessor implements Processor<byte[], byte[], String, EnrichOutcome> {
    private static final Logger log = LoggerFactory.getLogger(PageProcessor.class);

    private final Deserializer<RawPage> deserializer;
    private final PageEnricher enricher;
    private final EnrichCounters counters;
    private final Clock clock;
    private ProcessorContext<String, EnrichOutcome> context;

    public PageProcessor(
            Deserializer<RawPage> deserializer, PageEnricher enricher, EnrichCounters counters, Clock clock) {
        this.deserializer = deserializer;
        this.enricher = enricher;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, EnrichOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? "(no key)" : new String(record.key(), StandardCharsets.UTF_8);
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        RawPage page;
        try {
            page = deserializer.deserialize(topic, record.value());
            if (page == null) {
                deadLetter(record, key, DeadLetterStage.ENRICH_DESERIALIZE.id(), "record has no value");
                return;
            }
        } catch (RuntimeException e) {
            if (RegistryFailures.isUnavailable(e)) {
                throw e; // not the page's fault: the task fails and reads the page again (see the error handler)
            }
            deadLetter(
                    record,
                    key,
                    DeadLetterStage.ENRICH_DESERIALIZE.id(),
                    "value is not a RawPage the registry knows: " + e.getMessage());
            return;
        }
        try {
            PageEnricher.EnrichedPage enriched = enricher.enrich(page);
            List<Paper> papers = enriched.papers();
            // the page's fetch time is the papers' event time, for the trend windows
            long seenAt = page.getFetchedAt().toEpochMilli();
            for (Paper paper : papers) {
                context.forward(record.withKey(paper.getPaperId())
                        .withValue(EnrichOutcome.of(paper))
                        .withTimestamp(seenAt));
            }
            counters.page(papers.size());
            log.debug(
                    "page {}: {} papers ({})",
                    key,
                    papers.size(),
                    enriched.format().kind());
            if (!enriched.skipped().isEmpty()) {
                int skipped = enriched.skipped().size();
                deadLetter(
                        record,
                        key,
                        DeadLetterStage.ENRICH_PARSE_ENTRIES.id(),
                        skipped + (skipped == 1 ? " entry" : " entries")
                                + " of the " + enriched.format().kind() + " page could not be read (its other "
                                + papers.size() + " papers were published): " + String.join("; ", enriched.skipped()));
            }
        } catch (UnparseablePageException e) {
            deadLetter(record, key, DeadLetterStage.ENRICH_PARSE.id(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            deadLetter(record, key, DeadLetterStage.ENRICH_PARSE.id(), "unexpected error: " + e);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String key, String stage, String reason) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        DeadLetter letter = DeadLetters.of(
                stage,
                reason,
                meta.map(RecordMetadata::topic).orElse(null),
                meta.map(RecordMetadata::partition).orElse(null),
                meta.map(RecordMetadata::offset).orElse(null),
                record.key(),
                record.value(),
                clock.instant());
        counters.deadLetter();
        log.warn("page {} dead-lettered ({}): {}", key, stage, reason);
        context.forward(record.withKey(key).withValue(EnrichOutcome.of(letter)));
    }
}
