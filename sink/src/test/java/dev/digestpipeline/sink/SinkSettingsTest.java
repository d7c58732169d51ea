package dev.digestpipeline.sink;

import dev.digestpipeline.testsupport.DocSections;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        DocSections.assertCurrent("settings: sink", SinkConfig.SETTINGS.markdownTable());
    }
}
