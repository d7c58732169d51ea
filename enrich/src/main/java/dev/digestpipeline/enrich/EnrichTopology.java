package dev.digestpipeline.enrich;

import dev.digestpipeline.enrich.errors.DeadLetterExceptionHandler;
import dev.digestpipeline.enrich.identity.PaperIdentityProcessor;
import dev.digestpipeline.enrich.identity.TitleEvent;
import dev.digestpipeline.enrich.merge.PaperChange;
import dev.digestpipeline.enrich.merge.PaperMergeProcessor;
import dev.digestpipeline.enrich.merge.PaperMerger;
import dev.digestpipeline.enrich.page.EnrichOutcome;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.enrich.page.PageProcessor;
import dev.digestpipeline.enrich.trend.PendingChanges;
import dev.digestpipeline.enrich.trend.TrendCount;
import dev.digestpipeline.enrich.trend.TrendCountProcessor;
import dev.digestpipeline.enrich.trend.TrendPlacementProcessor;
import dev.digestpipeline.enrich.trend.TrendWindows;
import dev.digestpipeline.parse.fields.PaperIds;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.Tag;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.TopicTagger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology:
 * <pre>
 * digest.pages.raw (bytes) -> parse-page -> dead letters -> digest.pages.dlq
 *   -> sightings with an arXiv id -> papers-by-id (repartition by paper id) -----------------------> merge-paper
 *   -> their arXiv ids -> arxiv-ids-by-title (repartition by title key) ----> paper-identity
 *   -> sightings without one -> papers-by-title (repartition by title key) -> paper-identity
 * paper-identity [title-ids, title-only-papers] -> papers-from-titles (repartition by paper id) -> merge-paper
 * merge-paper [merged-papers store] -> digest.papers (merged state, only on change, revision + 1)
 *                                        -> digest.papers.by-tag (one record per paper and tag, key = tag)
 *                                        -> digest.papers.area.AREA (one topic per area)
 *                                        -> trend-placement [trend-pending]: changes per window
 *   -> trend-changes (repartition by window) -> count-trend [trend-counts, trend-schedule stores]
 *                                           -> digest.trends (changed windows each update interval; final once
 *                                              closed; a tombstone when forgotten)
 * </pre>
 * Serdes are injected so tests run without a registry. A record that cannot be read, processed or written becomes a
 * dead letter through {@link DeadLetterExceptionHandler}, except where that would lose it: a merged paper that
 * cannot be written to digest.papers, and a registry that does not answer, fail the task, which reads the record
 * again.
 */
public final class EnrichTopology {
    /** The serdes of the topology's records. */
    public record EnrichSerdes(
            Deserializer<RawPage> rawPages,
            Serde<Paper> papers,
            Serde<DeadLetter> deadLetters,
            Serde<TagTrend> trends) {}

    private final EnrichConfig config;
    private final EnrichSerdes serdes;
    private final List<String> areas;
    private final PageEnricher enricher;
    private final PaperMerger merger;
    private final EnrichCounters counters;
    private final Clock clock;

    /** The topology of the config's topics and trend windows, tagging and merging with the given tagger. */
    public EnrichTopology(
            EnrichConfig config, EnrichSerdes serdes, TopicTagger tagger, EnrichCounters counters, Clock clock) {
        this(
                config,
                serdes,
                tagger.taxonomy().areaNames(),
                new PageEnricher(tagger, clock),
                new PaperMerger(tagger),
                counters,
                clock);
    }

    /** With its parts given, so a test can put a merger that fails in. */
    EnrichTopology(
            EnrichConfig config,
            EnrichSerdes serdes,
            List<String> areas,
            PageEnricher enricher,
            PaperMerger merger,
            EnrichCounters counters,
            Clock clock) {
        this.config = config;
        this.serdes = serdes;
        this.areas = List.copyOf(areas);
        this.enricher = enricher;
        this.merger = merger;
        this.counters = counters;
        this.clock = clock;
    }

    /** The stages of the diagram above, in its order: parse, identity, merge, route, trends. */
    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        addStores(builder);
        KStream<String, Paper> sightings = parse(builder);
        // a sighting with an arXiv id goes straight to its paper; only that id goes by title, where sightings
        // without one (text renderings) meet it
        KStream<String, Paper> withIds =
                sightings.filter((id, paper) -> paper.getArxivId() != null, Named.as("with-arxiv-id"));
        KStream<String, Paper> fromTitles = identity(sightings, withIds);
        KStream<String, PaperChange> changes = merge(withIds, fromTitles);
        route(changes.mapValues(PaperChange::after, Named.as("merged-state")));
        trends(changes);
        return builder.build();
    }

    private void addStores(StreamsBuilder builder) {
        // keyed by paper or title, written about once per key between commits: no record cache, which would save
        // nothing there and, full of them, would flush the hot keys of the cached stores at every write (a thread's
        // cache is shared, and evicts from the store written to)
        builder.addStateStore(store(PaperMergeProcessor.STORE, serdes.papers()));
        builder.addStateStore(store(PaperIdentityProcessor.TITLE_IDS, Serdes.String()));
        builder.addStateStore(store(PaperIdentityProcessor.TITLE_ONLY, serdes.papers()));
        builder.addStateStore(cachedStore(TrendPlacementProcessor.PENDING, PendingChanges.serde()));
        builder.addStateStore(cachedStore(TrendCountProcessor.COUNTS, TrendCount.serde()));
        builder.addStateStore(cachedStore(TrendCountProcessor.SCHEDULE, Serdes.String()));
    }

    /** Raw pages parsed into sightings, one per paper on a page; a page that cannot be read is a dead letter. */
    private KStream<String, Paper> parse(StreamsBuilder builder) {
        EnrichConfig.TopicNames topics = config.topics();
        KStream<String, EnrichOutcome> outcomes = builder.stream(
                        topics.pagesRaw(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-pages"))
                .process(() -> new PageProcessor(serdes.rawPages(), enricher, counters, clock), Named.as("parse-page"));
        outcomes.filter((key, outcome) -> !outcome.isPaper(), Named.as("page-dead-letters"))
                .mapValues(EnrichOutcome::deadLetter, Named.as("dead-letter"))
                .to(
                        topics.pagesDlq(),
                        Produced.with(Serdes.String(), serdes.deadLetters()).withName("pages-dlq"));
        return outcomes.filter((key, outcome) -> outcome.isPaper(), Named.as("page-papers"))
                .mapValues(EnrichOutcome::paper, Named.as("paper"));
    }

    /**
     * By title key: the arXiv ids heard with each title and the sightings without an arXiv id meet in
     * PaperIdentityProcessor, which gives the latter the paper id they belong to; they go on by paper id.
     */
    private KStream<String, Paper> identity(KStream<String, Paper> sightings, KStream<String, Paper> withIds) {
        KStream<String, TitleEvent> arxivIdsByTitle = withIds.map(
                        (id, paper) -> KeyValue.pair(PaperIds.titleKey(paper.getTitle()), id), Named.as("id-of-title"))
                .repartition(
                        Repartitioned.with(Serdes.String(), Serdes.String()).withName("arxiv-ids-by-title"))
                .mapValues(TitleEvent::arxivId, Named.as("title-arxiv-id"));
        return sightings
                .filter((id, paper) -> paper.getArxivId() == null, Named.as("without-arxiv-id"))
                .selectKey((id, paper) -> PaperIds.titleKey(paper.getTitle()), Named.as("title-key"))
                .repartition(
                        Repartitioned.with(Serdes.String(), serdes.papers()).withName("papers-by-title"))
                .mapValues(TitleEvent::sighting, Named.as("title-sighting"))
                .merge(arxivIdsByTitle, Named.as("title-events"))
                .process(
                        () -> new PaperIdentityProcessor(merger, counters),
                        Named.as("paper-identity"),
                        PaperIdentityProcessor.TITLE_IDS,
                        PaperIdentityProcessor.TITLE_ONLY)
                .repartition(
                        Repartitioned.with(Serdes.String(), serdes.papers()).withName("papers-from-titles"));
    }

    /** Every sighting of a paper, by paper id, merged into its one state: each change with the state before. */
    private KStream<String, PaperChange> merge(KStream<String, Paper> withIds, KStream<String, Paper> fromTitles) {
        return withIds.repartition(
                        Repartitioned.with(Serdes.String(), serdes.papers()).withName("papers-by-id"))
                .merge(fromTitles, Named.as("sightings-by-id"))
                .process(
                        () -> new PaperMergeProcessor(merger, counters, clock),
                        Named.as("merge-paper"),
                        PaperMergeProcessor.STORE);
    }

    /**
     * The merged state to digest.papers (a retired id's is null: a tombstone), once per tag to the by-tag topic,
     * and to the topic of each of its areas.
     */
    private void route(KStream<String, Paper> merged) {
        EnrichConfig.TopicNames topics = config.topics();
        merged.to(
                topics.papers(), Produced.with(Serdes.String(), serdes.papers()).withName("papers"));
        merged.flatMap(EnrichTopology::perTag, Named.as("paper-per-tag"))
                .to(
                        topics.papersByTag(),
                        Produced.with(Serdes.String(), serdes.papers()).withName("papers-by-tag"));
        for (String area : areas) {
            merged.filter((id, paper) -> hasTag(paper, area), Named.as("in-area-" + area))
                    .to(
                            topics.areaTopic(area),
                            Produced.with(Serdes.String(), serdes.papers()).withName("area-" + area));
        }
    }

    /**
     * Each change's windows entered and left (+1, -1), added up per window and sent on each update interval; the
     * counts go to digest.trends.
     */
    private void trends(KStream<String, PaperChange> changes) {
        TrendWindows windows = config.trendWindows();
        changes.process(
                        () -> new TrendPlacementProcessor(windows.updateInterval()),
                        Named.as("trend-placement"),
                        TrendPlacementProcessor.PENDING)
                .repartition(
                        Repartitioned.with(Serdes.String(), Serdes.Integer()).withName("trend-changes"))
                .process(
                        () -> new TrendCountProcessor(windows, counters::trendTooOld),
                        Named.as("count-trend"),
                        TrendCountProcessor.COUNTS,
                        TrendCountProcessor.SCHEDULE)
                .to(
                        config.topics().trends(),
                        Produced.with(Serdes.String(), serdes.trends()).withName("trends"));
    }

    /**
     * A store whose few keys each paper rewrites (a day's pending trend changes, a window's count): with a record
     * cache, so that the writes to one key between commits reach RocksDB and the changelog once.
     */
    private <V> StoreBuilder<KeyValueStore<String, V>> cachedStore(String name, Serde<V> values) {
        return store(name, values).withCachingEnabled();
    }

    /** A RocksDB store with a changelog. */
    private <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingEnabled(config.creation().changelogConfig());
    }

    private static List<KeyValue<String, Paper>> perTag(String id, Paper paper) {
        if (paper == null) {
            // a retired id: the by-tag topics are keyed by tag, where a tombstone would delete a tag
            return List.of();
        }
        List<KeyValue<String, Paper>> records = new ArrayList<>();
        for (Tag tag : paper.getTags()) {
            records.add(KeyValue.pair(tag.getName(), paper));
        }
        return records;
    }

    private static boolean hasTag(Paper paper, String name) {
        if (paper == null) {
            return false;
        }
        for (Tag tag : paper.getTags()) {
            if (tag.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
