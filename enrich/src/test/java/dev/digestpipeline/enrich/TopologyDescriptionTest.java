package dev.digestpipeline.enrich;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.testsupport.DocSections;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topology the docs show is the one the code builds with the default settings. */
class TopologyDescriptionTest {
    @Test
    void theDocsShowTheTopologyOfTheDefaultSettings() {
        EnrichConfig config = EnrichConfig.of(Map.of());
        EnrichTopology.EnrichSerdes serdes = new EnrichTopology.EnrichSerdes(
                new AvroTestSerde<>(RawPage.class).deserializer(),
                new AvroTestSerde<>(Paper.class),
                new AvroTestSerde<>(DeadLetter.class),
                new AvroTestSerde<>(TagTrend.class));
        String described = new EnrichTopology(
                        config, serdes, TopicTagger.bundled(), new EnrichCounters(), Clock.systemUTC())
                .build()
                .describe()
                .toString();
        // the same text as 'java -jar enrich/target/enrich-*-app.jar --describe' prints
        DocSections.assertCurrent("enrich topology", "```\n" + described.strip() + "\n```\n");
    }
}
