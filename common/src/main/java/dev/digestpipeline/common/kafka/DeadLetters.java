package dev.digestpipeline.common.kafka;

import dev.digestpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the {@link DeadLetter} every stage writes, so all stages fill it the same way. */
public final class DeadLetters {
    private DeadLetters() {}

    /**
     * A dead letter for a record read from {@code topic} at {@code partition}/{@code offset} (each null when the
     * record was not read from a topic), keeping its original key and value bytes unmodified.
     */
    public static DeadLetter of(
            String stage,
            String reason,
            String topic,
            Integer partition,
            Long offset,
            byte[] key,
            byte[] value,
            Instant failedAt) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setReason(reason)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setFailedAt(failedAt)
                .build();
    }
}
