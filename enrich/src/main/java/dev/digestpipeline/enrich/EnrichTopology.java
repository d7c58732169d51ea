package dev.digestpipeline.enrich;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import java.time.Clock;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * digest.pages.raw (bytes) -> parse -> digest.papers (key paper id) | digest.pages.dlq (key source URI).
 * Serdes are injected so tests run without a registry.
 */
public final class EnrichTopology {
    private EnrichTopology() {}

    public static Topology build(EnrichConfig.TopicNames topics, Deserializer<RawPage> rawPages, Serde<Paper> papers,
                                 Serde<DeadLetter> deadLetters, PageEnricher enricher, EnrichCounters counters,
                                 Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.pagesRaw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-pages"))
                .process(() -> new PageProcessor(rawPages, enricher, counters, clock), Named.as("parse-page"))
                .split(Named.as("outcome-"))
                .branch((key, outcome) -> outcome.isPaper(), Branched.withConsumer(stream -> stream
                        .mapValues(EnrichOutcome::paper, Named.as("paper"))
                        .to(topics.papers(), Produced.with(Serdes.String(), papers).withName("papers")), "papers"))
                .defaultBranch(Branched.withConsumer(stream -> stream
                        .mapValues(EnrichOutcome::deadLetter, Named.as("dead-letter"))
                        .to(topics.pagesDlq(), Produced.with(Serdes.String(), deadLetters).withName("pages-dlq")),
                        "dead-letters"));
        return builder.build();
    }
}
