package dev.digestpipeline.sink;

import dev.digestpipeline.testsupport.ReadmeSections;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        ReadmeSections.assertCurrent("settings: sink", SinkConfig.SETTINGS.markdownTable());
    }
}
