package dev.digestpipeline.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.testsupport.DocSections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetersTest {
    @Test
    void readmeListsEveryMetricOfTheCatalog() {
        DocSections.assertCurrent("metrics", Meters.markdownTable());
    }

    @Test
    void prometheusNamesFollowItsConventions() {
        assertEquals("digest_ingest_polls_total", Meters.INGEST_POLLS.prometheusName());
        assertEquals("digest_sink_bulk_latency_seconds", Meters.SINK_BULK_LATENCY.prometheusName());
    }

    @Test
    void everyNameIsDeclaredOnce() {
        List<String> names = Meters.ALL.stream().map(MetricSpec::name).toList();
        assertEquals(names.stream().distinct().toList(), names);
    }
}
