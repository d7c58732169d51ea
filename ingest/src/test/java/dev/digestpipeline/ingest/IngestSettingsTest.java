package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.SourceKind;
import dev.digestpipeline.ingest.poll.SourceList;
import dev.digestpipeline.testsupport.DocSections;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    @Test
    void readmeSettingsTableIsTheDeclaredSettings() {
        DocSections.assertCurrent("settings: ingest", IngestConfig.SETTINGS.markdownTable());
    }

    @Test
    void readmePollerSettingsTableIsTheDeclaredSettings() {
        DocSections.assertCurrent("settings: poller", PollerConfig.SETTINGS.markdownTable());
    }

    @Test
    void readmeSourceKindsTableIsTheDeclaredKinds() {
        DocSections.assertCurrent("source kinds", SourceKind.markdownTable());
    }

    @Test
    void readmeDefaultSourcesAreTheDefaults() {
        DocSections.assertCurrent("default sources", SourceList.markdownDefaults());
    }
}
