package dev.digestpipeline.common.kafka;

import dev.digestpipeline.testsupport.DocSections;
import org.junit.jupiter.api.Test;

class DeadLetterStageTest {
    @Test
    void theDocsListEveryStage() {
        DocSections.assertCurrent("dead-letter stages", DeadLetterStage.markdownTable());
    }
}
