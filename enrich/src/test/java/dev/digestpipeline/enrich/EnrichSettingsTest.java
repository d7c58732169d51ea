package dev.digestpipeline.enrich;

import dev.digestpipeline.testsupport.ReadmeSections;
import org.junit.jupiter.api.Test;

class EnrichSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        ReadmeSections.assertCurrent("settings: enrich", EnrichConfig.SETTINGS.markdownTable());
    }
}
