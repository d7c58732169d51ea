package dev.digestpipeline.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.testsupport.DocSections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterStageTest {
    @Test
    void theDocsListEveryStage() {
        DocSections.assertCurrent("dead-letter stages", DeadLetterStage.markdownTable());
    }

    @Test
    void aStageIsFoundByTheNameALetterCarries() {
        assertEquals(Optional.of(DeadLetterStage.SINK_INDEX), DeadLetterStage.of("sink-index"));
        assertEquals(Optional.empty(), DeadLetterStage.of("sink"));
    }
}
