package dev.digestpipeline.ops;

import dev.digestpipeline.testsupport.ReadmeSections;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        ReadmeSections.assertCurrent("settings: ops", OpsConfig.SETTINGS.markdownTable());
    }
}
