package dev.digestpipeline.ops.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterReplayTest {
    private static final byte[] PAGE = "[{\"paper\":{\"id\":\"2509.00001\"}}]".getBytes(StandardCharsets.UTF_8);

    private static ConsumerRecord<String, DeadLetter> letter(long offset, String stage, String topic, byte[] value) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(stage)
                .setReason("schema registry unavailable")
                .setSourceTopic(topic)
                .setSourcePartition(topic == null ? null : 0)
                .setSourceOffset(topic == null ? null : 7L)
                .setOriginalKey(ByteBuffer.wrap("https://hf.example/p".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setFailedAt(Instant.parse("2026-11-27T10:00:00Z"))
                .build();
        return new ConsumerRecord<>(Topics.PAGES_DLQ.name(), 0, offset, "https://hf.example/p", letter);
    }

    @Test
    void aLetterReadFromATopicWithItsBytesIsReplayed() {
        DeadLetterReplay.Plan plan = DeadLetterReplay.plan(
                List.of(letter(4, "enrich-deserialize", "digest.pages.raw", PAGE)), Set.of(), null, null);
        assertEquals(
                List.of("pages/0/4"),
                plan.replay().stream().map(DeadLetterLines::id).toList());
        assertEquals(List.of(), plan.alreadyReplayed());
        assertEquals(List.of(), plan.notReplayable());
    }

    @Test
    void aLetterReplayedBeforeIsNotReplayedAgain() {
        DeadLetterReplay.Plan plan = DeadLetterReplay.plan(
                List.of(letter(4, "enrich-parse", "digest.pages.raw", PAGE)), Set.of("pages/0/4"), null, null);
        assertEquals(List.of(), plan.replay());
        assertEquals(List.of("pages/0/4"), plan.alreadyReplayed());
    }

    @Test
    void aLetterWithoutSourceTopicOrBytesCannotBeReplayedAndSaysWhy() {
        DeadLetterReplay.Plan plan = DeadLetterReplay.plan(
                List.of(letter(1, "ingest", null, PAGE), letter(2, "enrich-parse", "digest.pages.raw", null)),
                Set.of(),
                null,
                null);
        assertEquals(List.of(), plan.replay());
        assertEquals(
                List.of(
                        "pages/0/1: it was not read from a topic (stage ingest)",
                        "pages/0/2: it kept no original bytes"),
                plan.notReplayable());
    }

    @Test
    void onlyLettersOfTheStageAndTimeAreConsidered() {
        DeadLetterReplay.Plan plan = DeadLetterReplay.plan(
                List.of(
                        letter(1, "enrich-parse", "digest.pages.raw", PAGE),
                        letter(2, "enrich-deserialize", "digest.pages.raw", PAGE)),
                Set.of("pages/0/1"),
                "enrich-deserialize",
                Instant.parse("2026-11-27T00:00:00Z"));
        assertEquals(
                List.of("pages/0/2"),
                plan.replay().stream().map(DeadLetterLines::id).toList());
        assertEquals(List.of(), plan.alreadyReplayed());
    }
}
