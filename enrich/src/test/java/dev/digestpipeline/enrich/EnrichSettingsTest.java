package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.testsupport.DocSections;
import org.junit.jupiter.api.Test;

class EnrichSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        DocSections.assertCurrent("settings: enrich", EnrichConfig.SETTINGS.markdownTable());
    }

    @Test
    void streamThreadsSetAreKept() {
        assertEquals(3, EnrichConfig.streamThreads(3, 1));
    }

    @Test
    void zeroStreamThreadsIsOnePerCoreButNoMoreThanThePartitions() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(cores, 3), EnrichConfig.streamThreads(0, 3));
        assertEquals(1, EnrichConfig.streamThreads(0, 1));
    }
}
