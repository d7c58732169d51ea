package dev.digestpipeline.ops.deadletters;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Dead letters as 'dlq' prints them. A letter's id is its dead-letter topic's short name, partition and offset
 * ({@code pages/0/12}), which stays the same however many letters come after it.
 */
public final class DeadLetterLines {
    static final int REASON_CHARS = 140;
    static final int PREVIEW_BYTES = 600;

    private DeadLetterLines() {}

    public static String id(ConsumerRecord<String, DeadLetter> record) {
        String topic = record.topic().equals(Topics.PAGES_DLQ.name()) ? "pages" : "papers";
        return topic + "/" + record.partition() + "/" + record.offset();
    }

    /** The dead-letter topic an id names. */
    public static String topicOf(String id) {
        String[] parts = id.split("/", -1);
        if (parts.length != 3 || !(parts[0].equals("pages") || parts[0].equals("papers"))) {
            throw new IllegalArgumentException(
                    "a dead letter's id is pages/PARTITION/OFFSET or papers/PARTITION/OFFSET, not '" + id + "'");
        }
        return parts[0].equals("pages") ? Topics.PAGES_DLQ.name() : Topics.PAPERS_DLQ.name();
    }

    /** One line per letter of the stage (null: any) that failed at or after the instant (null: any time). */
    public static List<String> list(List<ConsumerRecord<String, DeadLetter>> records, String stage, Instant since) {
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<String, DeadLetter> record : records) {
            DeadLetter letter = record.value();
            if (!matches(letter, stage, since)) {
                continue;
            }
            lines.add(id(record) + "  " + letter.getFailedAt().truncatedTo(ChronoUnit.SECONDS) + "  "
                    + letter.getStage() + "  " + keyOf(letter) + "  " + shortReason(letter));
        }
        return lines;
    }

    /** The letter's reason, cut to {@value #REASON_CHARS} characters for a list. */
    public static String shortReason(DeadLetter letter) {
        String reason = letter.getReason();
        return reason.length() > REASON_CHARS ? reason.substring(0, REASON_CHARS) + "..." : reason;
    }

    /** Whether the letter is of the stage (null: any) and failed at or after the instant (null: any time). */
    public static boolean matches(DeadLetter letter, String stage, Instant since) {
        return (stage == null || stage.equals(letter.getStage()))
                && (since == null || !letter.getFailedAt().isBefore(since));
    }

    /** Everything a letter holds, its original bytes as text when they are UTF-8, else as hex, cut to a preview. */
    public static List<String> show(ConsumerRecord<String, DeadLetter> record) {
        DeadLetter letter = record.value();
        ByteBuffer value = letter.getOriginalValue() == null ? ByteBuffer.allocate(0) : letter.getOriginalValue();
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        byte[] preview = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, PREVIEW_BYTES));
        return List.of(
                "id:          " + id(record),
                "failed at:   " + letter.getFailedAt(),
                "stage:       " + letter.getStage(),
                "reason:      " + letter.getReason(),
                "from:        " + letter.getSourceTopic() + " partition " + letter.getSourcePartition() + " offset "
                        + letter.getSourceOffset(),
                "key:         " + keyOf(letter),
                "value:       " + bytes.length + " bytes"
                        + (bytes.length > preview.length ? ", the first " + preview.length + ":" : ":"),
                utf8(preview).orElseGet(() -> HexFormat.ofDelimiter(" ").formatHex(preview)));
    }

    /** The letter's original key as text. */
    public static String keyOf(DeadLetter letter) {
        return letter.getOriginalKey() == null
                ? "(no key)"
                : StandardCharsets.UTF_8
                        .decode(letter.getOriginalKey().duplicate())
                        .toString();
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
