package dev.digestpipeline.enrich;

import dev.digestpipeline.enrich.errors.DeadLetterExceptionHandler;
import dev.digestpipeline.enrich.merge.PaperIdSet;
import dev.digestpipeline.enrich.merge.PaperMergeProcessor;
import dev.digestpipeline.enrich.merge.PaperMerger;
import dev.digestpipeline.enrich.page.EnrichOutcome;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.enrich.page.PageProcessor;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.Tag;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.TopicTagger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The enrich topology:
 * <pre>
 * digest.pages.raw (bytes) -> parse-page -> dead letters -> digest.pages.dlq
 *                                        -> papers, re-keyed by paper id -> papers-by-id (repartition)
 *   -> merge-paper [merged-papers store] -> digest.papers (merged state, only on change, revision + 1)
 *                                        -> digest.papers.by-tag (one record per paper and tag, key = tag)
 *                                        -> digest.papers.area.AREA (one topic per area)
 *                                        -> (tag, paper id) -> distinct papers per tag per day and per hour
 *                                           -> digest.trends (updates while open, one final record per window)
 * </pre>
 * Serdes are injected so tests run without a registry. Failures anywhere become dead letters through
 * {@link DeadLetterExceptionHandler}.
 */
public final class EnrichTopology {
    /** The serdes of the topology's records. */
    public record EnrichSerdes(
            Deserializer<RawPage> rawPages,
            Serde<Paper> papers,
            Serde<DeadLetter> deadLetters,
            Serde<TagTrend> trends) {}

    /** Size and grace of the trend windows. */
    public record TrendWindows(Duration dayGrace, Duration hourGrace) {}

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

    public Topology build() {
        EnrichConfig.TopicNames topics = config.topics();
        TrendWindows windows = config.trendWindows();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PaperMergeProcessor.STORE), Serdes.String(), serdes.papers())
                .withLoggingEnabled(config.changelogConfig()));

        KStream<String, EnrichOutcome> outcomes = builder.stream(
                        topics.pagesRaw(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-pages"))
                .process(() -> new PageProcessor(serdes.rawPages(), enricher, counters, clock), Named.as("parse-page"));
        outcomes.filter((key, outcome) -> !outcome.isPaper(), Named.as("page-dead-letters"))
                .mapValues(EnrichOutcome::deadLetter, Named.as("dead-letter"))
                .to(
                        topics.pagesDlq(),
                        Produced.with(Serdes.String(), serdes.deadLetters()).withName("pages-dlq"));

        KStream<String, Paper> merged = outcomes.filter((key, outcome) -> outcome.isPaper(), Named.as("page-papers"))
                .mapValues(EnrichOutcome::paper, Named.as("paper"))
                .repartition(
                        Repartitioned.with(Serdes.String(), serdes.papers()).withName("papers-by-id"))
                .process(
                        () -> new PaperMergeProcessor(merger, counters, clock),
                        Named.as("merge-paper"),
                        PaperMergeProcessor.STORE);
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

        KGroupedStream<String, String> paperIdsByTag = merged.flatMap(
                        (id, paper) -> {
                            List<KeyValue<String, String>> pairs = new ArrayList<>();
                            paper.getTags().forEach(tag -> pairs.add(KeyValue.pair(tag.getName(), id)));
                            return pairs;
                        },
                        Named.as("paper-id-per-tag"))
                .groupByKey(Grouped.with("paper-ids-by-tag", Serdes.String(), Serdes.String()));
        trend(paperIdsByTag, "day", Duration.ofDays(1), windows.dayGrace(), topics.trends(), serdes.trends());
        trend(paperIdsByTag, "hour", Duration.ofHours(1), windows.hourGrace(), topics.trends(), serdes.trends());
        return builder.build();
    }

    /** Distinct papers per tag and window: updates while the window is open, then one final record. */
    private static void trend(
            KGroupedStream<String, String> paperIdsByTag,
            String granularity,
            Duration size,
            Duration grace,
            String topic,
            Serde<TagTrend> trendSerde) {
        KTable<Windowed<String>, PaperIdSet> distinct = paperIdsByTag
                .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
                .aggregate(
                        PaperIdSet::new,
                        (tag, id, ids) -> ids.with(id),
                        Named.as("distinct-papers-per-" + granularity),
                        Materialized.<String, PaperIdSet, WindowStore<Bytes, byte[]>>as("trend-" + granularity)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(PaperIdSet.serde()));
        Produced<String, TagTrend> produced = Produced.with(Serdes.String(), trendSerde);
        distinct.toStream(Named.as(granularity + "-trend-updates"))
                .filter((window, ids) -> ids != null, Named.as(granularity + "-trend-open"))
                .map(
                        (window, ids) -> trendRecord(window, ids, granularity, false),
                        Named.as(granularity + "-trend-update"))
                .to(topic, produced.withName(granularity + "-trends"));
        distinct.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(granularity + "-trend-closed"))
                .toStream(Named.as(granularity + "-trend-finals"))
                .filter((window, ids) -> ids != null, Named.as(granularity + "-trend-closed-nonempty"))
                .map(
                        (window, ids) -> trendRecord(window, ids, granularity, true),
                        Named.as(granularity + "-trend-final"))
                .to(topic, Produced.with(Serdes.String(), trendSerde).withName(granularity + "-final-trends"));
    }

    private static KeyValue<String, TagTrend> trendRecord(
            Windowed<String> window, PaperIdSet ids, String granularity, boolean closed) {
        Instant start = window.window().startTime();
        TagTrend trend =
                new TagTrend(window.key(), granularity, start, window.window().endTime(), ids.size(), closed);
        return KeyValue.pair(window.key() + "|" + granularity + "|" + start, trend);
    }

    private static List<KeyValue<String, Paper>> perTag(String id, Paper paper) {
        List<KeyValue<String, Paper>> records = new ArrayList<>();
        for (Tag tag : paper.getTags()) {
            records.add(KeyValue.pair(tag.getName(), paper));
        }
        return records;
    }

    private static boolean hasTag(Paper paper, String name) {
        for (Tag tag : paper.getTags()) {
            if (tag.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
