package dev.digestpipeline.ops.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterLinesTest {
    private static ConsumerRecord<String, DeadLetter> letter(
            String dlq, long offset, String stage, String failedAt, byte[] value) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(stage)
                .setReason("HTML page is not a digest page")
                .setSourceTopic("digest.pages.raw")
                .setSourcePartition(1)
                .setSourceOffset(41L)
                .setOriginalKey(ByteBuffer.wrap("file:/tmp/blog.html".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(value))
                .setFailedAt(Instant.parse(failedAt))
                .build();
        return new ConsumerRecord<>(dlq, 0, offset, "file:/tmp/blog.html", letter);
    }

    private static final byte[] PAGE = "<html>not a digest</html>".getBytes(StandardCharsets.UTF_8);

    @Test
    void aLetterIsListedByItsIdWhenWhyAndKey() {
        assertEquals(
                List.of("pages/0/12  2026-11-27T10:00:01Z  enrich-parse  file:/tmp/blog.html  HTML page is not a "
                        + "digest page"),
                DeadLetterLines.list(
                        List.of(letter(Topics.PAGES_DLQ.name(), 12, "enrich-parse", "2026-11-27T10:00:01.250Z", PAGE)),
                        null,
                        null));
    }

    @Test
    void theListIsNarrowedByStageAndTime() {
        List<ConsumerRecord<String, DeadLetter>> letters = List.of(
                letter(Topics.PAGES_DLQ.name(), 1, "enrich-parse", "2026-11-26T10:00:00Z", PAGE),
                letter(Topics.PAGES_DLQ.name(), 2, "enrich-parse", "2026-11-27T10:00:00Z", PAGE),
                letter(Topics.PAPERS_DLQ.name(), 3, "sink-index", "2026-11-27T10:00:00Z", PAGE));
        assertEquals(
                List.of("pages/0/2"),
                DeadLetterLines.list(letters, "enrich-parse", Instant.parse("2026-11-27T00:00:00Z")).stream()
                        .map(line -> line.substring(0, line.indexOf(' ')))
                        .toList());
    }

    @Test
    void aLetterShownWholeHasItsOriginalBytesAsTextOrElseAsHex() {
        List<String> text =
                DeadLetterLines.show(letter(Topics.PAGES_DLQ.name(), 12, "enrich-parse", "2026-11-27T10:00:01Z", PAGE));
        assertEquals("from:        digest.pages.raw partition 1 offset 41", text.get(4));
        assertEquals("value:       25 bytes:", text.get(6));
        assertEquals("<html>not a digest</html>", text.get(7));
        List<String> binary = DeadLetterLines.show(letter(
                Topics.PAPERS_DLQ.name(), 3, "sink-deserialize", "2026-11-27T10:00:01Z", new byte[] {0, (byte) 0xff}));
        assertEquals("00 ff", binary.get(7));
    }

    @Test
    void anIdThatNamesNoDeadLetterTopicIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DeadLetterLines.topicOf("blog/0/1"));
        assertEquals(
                "a dead letter's id is pages/PARTITION/OFFSET or papers/PARTITION/OFFSET, not 'blog/0/1'",
                e.getMessage());
    }
}
