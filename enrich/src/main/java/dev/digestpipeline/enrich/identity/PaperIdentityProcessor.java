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
 * One paper, one id, whatever the page's format. It hears, keyed by title key
 * ({@link dev.digestpipeline.parse.fields.PaperIds#titleKey}), the sightings without an arXiv id, and the arXiv ids
 * of the sightings that have one (those go straight to their paper: a small record here instead of the whole
 * sighting). It sends, keyed by the paper id they merge under, what the title-only sightings add.
 *
 * <ul>
 *   <li>The first arXiv id heard with a title is remembered in {@value #TITLE_IDS}.
 *   <li>A sighting without one takes the arXiv id its title is known by; when none is known yet it keeps its
 *       {@code title:} id, and what its title-only sightings say is kept in {@value #TITLE_ONLY}.
 *   <li>When the first arXiv id of a title arrives after title-only sightings, their merged state goes to the arXiv
 *       id, and a retirement (a null value) to the {@code title:} id, which the merge turns into a tombstone.
 *   <li>A title shared by two arXiv ids stays two papers; the second id is logged, and title-only sightings go to
 *       the first.
 *   <li>A whole sighting with an arXiv id (an earlier enrich sent every sighting by title) counts as its id, and
 *       goes on to its paper.
 * </ul>
 */
public final class PaperIdentityProcessor implements Processor<String, TitleEvent, String, Paper> {
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
    public void process(Record<String, TitleEvent> record) {
        String titleKey = record.key();
        Paper paper = record.value().sighting();
        if (paper == null) {
            register(titleKey, record.value().arxivId(), record);
        } else if (paper.getArxivId() != null) {
            register(titleKey, paper.getPaperId(), record);
            context.forward(record.withKey(paper.getPaperId()).withValue(paper));
        } else {
            String known = titleIds.get(titleKey);
            if (known != null) {
                context.forward(record.withKey(known).withValue(under(paper, known)));
            } else {
                titleOnly.put(titleKey, merger.merge(titleOnly.get(titleKey), paper));
                context.forward(record.withKey(paper.getPaperId()).withValue(paper));
            }
        }
    }

    /** Remembers a title's first arXiv id; what title-only sightings said of the title goes to it. */
    private void register(String titleKey, String id, Record<String, TitleEvent> record) {
        String known = titleIds.get(titleKey);
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
    }

    /** The sighting as one of the paper {@code id}. */
    private static Paper under(Paper paper, String id) {
        return Paper.newBuilder(paper).setPaperId(id).setArxivId(id).build();
    }
}
