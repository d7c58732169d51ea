package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topology the README shows is the one the code builds with the default settings. */
class TopologyDescriptionTest {
    @Test
    void readmeShowsTheTopologyOfTheDefaultSettings() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```\n", readme.indexOf("<!-- topology:start -->")) + 4;
        int end = readme.lastIndexOf("```", readme.indexOf("<!-- topology:end -->"));
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
        assertEquals(
                described.strip(),
                readme.substring(start, end).strip(),
                "README topology is stale: paste the output of 'java -jar enrich/target/enrich-*-app.jar --describe'");
    }
}
