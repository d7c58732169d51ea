package dev.digestpipeline.ops;

import dev.digestpipeline.testsupport.DocSections;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        DocSections.assertCurrent("settings: ops", OpsConfig.SETTINGS.markdownTable());
    }
}
