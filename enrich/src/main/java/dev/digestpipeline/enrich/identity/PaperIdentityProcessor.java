package dev.digestpipeline.enrich.identity;

import dev.digestpipeline.enrich.EnrichCounters;
import dev.digestpipeline.enrich.merge.PaperMerger;
import dev.digestpipeline.schemas.Paper;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One paper, one id, whatever the page's format: sightings arrive keyed by their title key
 * ({@link dev.digestpipeline.parse.fields.PaperIds#titleKey}) and leave keyed by the paper id they merge under.
 *
 * <ul>
 *   <li>A sighting with an arXiv id keeps it; the first arXiv id seen with a title is remembered in
 *       {@value #TITLE_IDS}.
 *   <li>A sighting without one takes the arXiv id its title is known by; when none is known yet it keeps its
 *       {@code title:} id, and what its title-only sightings say is kept in {@value #TITLE_ONLY}.
 *   <li>When the first arXiv id of a title arrives after title-only sightings, their merged state goes to the arXiv
 *       id, and a retirement (a null value) to the {@code title:} id, which the merge turns into a tombstone.
 *   <li>A title shared by two arXiv ids stays two papers; the second id is logged, and title-only sightings go to
 *       the first.
 * </ul>
 */
public final class PaperIdentityProcessor implements Processor<String, Paper, String, Paper> {
    public static final String TITLE_IDS = "title-ids";
    public static final String TITLE_ONLY = "title-only-papers";
    private static final Logger log = LoggerFactory.getLogger(PaperIdentityProcessor.class);

    private final PaperMerger merger;
    private final EnrichCounters counters;
    private ProcessorContext<String, Paper> context;
    private KeyValueStore<String, String> titleIds;
    private KeyValueStore<String, Paper> titleOnly;

    public PaperIdentityProcessor(PaperMerger merger, EnrichCounters counters) {
        this.merger = merger;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, Paper> context) {
        this.context = context;
        this.titleIds = context.getStateStore(TITLE_IDS);
        this.titleOnly = context.getStateStore(TITLE_ONLY);
    }

    @Override
    public void process(Record<String, Paper> record) {
        String titleKey = record.key();
        Paper paper = record.value();
        String known = titleIds.get(titleKey);
        if (paper.getArxivId() == null) {
            if (known != null) {
                context.forward(record.withKey(known).withValue(under(paper, known)));
                return;
            }
            titleOnly.put(titleKey, merger.merge(titleOnly.get(titleKey), paper));
            context.forward(record.withKey(paper.getPaperId()));
            return;
        }
        String id = paper.getPaperId();
        if (known == null) {
            titleIds.put(titleKey, id);
            Paper pending = titleOnly.get(titleKey);
            if (pending != null) {
                titleOnly.delete(titleKey);
                context.forward(record.withKey(id).withValue(under(pending, id)));
                context.forward(record.withKey(pending.getPaperId()).withValue((Paper) null));
                counters.absorbed();
                log.debug("{} absorbs {}", id, pending.getPaperId());
            }
        } else if (!known.equals(id)) {
            log.info(
                    "the title of {} is also the title of {}: two papers; title-only sightings go to {}",
                    id,
                    known,
                    known);
        }
        context.forward(record.withKey(id));
    }

    /** The sighting as one of the paper {@code id}. */
    private static Paper under(Paper paper, String id) {
        return Paper.newBuilder(paper).setPaperId(id).setArxivId(id).build();
    }
}
