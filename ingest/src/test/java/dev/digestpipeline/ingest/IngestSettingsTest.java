package dev.digestpipeline.ingest;

import dev.digestpipeline.testsupport.ReadmeSections;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        ReadmeSections.assertCurrent("settings: ingest", IngestConfig.SETTINGS.markdownTable());
    }
}
