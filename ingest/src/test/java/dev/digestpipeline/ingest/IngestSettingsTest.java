package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.SourceKind;
import dev.digestpipeline.ingest.poll.SourceList;
import dev.digestpipeline.testsupport.ReadmeSections;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        ReadmeSections.assertCurrent("settings: ingest", IngestConfig.SETTINGS.markdownTable());
    }

    @Test
    void readmePollerSettingsTableIsTheDeclaredSettings() {
        ReadmeSections.assertCurrent("settings: poller", PollerConfig.SETTINGS.markdownTable());
    }

    @Test
    void readmeSourceKindsTableIsTheDeclaredKinds() {
        ReadmeSections.assertCurrent("source kinds", SourceKind.markdownTable());
    }

    @Test
    void readmeDefaultSourcesAreTheDefaults() {
        ReadmeSections.assertCurrent("default sources", SourceList.markdownDefaults());
    }
}
