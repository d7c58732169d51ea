package dev.digestpipeline.ops.deadletters;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.ops.kafka.TopicRecords;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.ReplayedLetter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Dead letters counted by stage, with the latest reasons, read incrementally: each update reads only what the
 * dead-letter topics and digest.dlq.replayed gained since the last one, so a long dead-letter topic is read once.
 */
public final class DeadLetterTally {
    /** How many latest letters a stage keeps to show. */
    static final int LATEST = 5;

    /** One letter as the dashboard lists it. */
    public record Letter(String id, Instant failedAt, String key, String reason, boolean replayed) {}

    /** A stage's letters: how many, how many replayed, how many can be replayed now, and the latest. */
    public record StageLetters(String stage, int count, int replayed, int replayable, List<Letter> latest) {}

    public record Summary(int total, List<StageLetters> stages) {
        public static final Summary EMPTY = new Summary(0, List.of());
    }

    private static final class Tally {
        int count;
        final Set<String> replayable = new HashSet<>();
        final Deque<ConsumerRecord<String, DeadLetter>> latest = new ArrayDeque<>();
    }

    private final TopicRecords records;
    private final List<String> topics = List.of(Topics.PAGES_DLQ.name(), Topics.PAPERS_DLQ.name());
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Map<String, Tally> byStage = new TreeMap<>();
    private final Set<String> replayed = new HashSet<>();

    public DeadLetterTally(TopicRecords records) {
        this.records = records;
    }

    /** Reads what is new and gives the counts. */
    public synchronized Summary update() {
        records.<ReplayedLetter>since(Topics.DLQ_REPLAYED.name(), positions).forEach(r -> replayed.add(r.key()));
        for (String topic : topics) {
            for (ConsumerRecord<String, DeadLetter> record : records.<DeadLetter>since(topic, positions)) {
                DeadLetter letter = record.value();
                Tally tally = byStage.computeIfAbsent(letter.getStage(), s -> new Tally());
                tally.count++;
                if (letter.getSourceTopic() != null && letter.getOriginalValue() != null) {
                    tally.replayable.add(DeadLetterLines.id(record));
                }
                tally.latest.addLast(record);
                if (tally.latest.size() > LATEST) {
                    tally.latest.removeFirst();
                }
            }
        }
        List<StageLetters> stages = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Tally> e : byStage.entrySet()) {
            Tally t = e.getValue();
            total += t.count;
            List<Letter> latest = new ArrayList<>();
            t.latest.descendingIterator().forEachRemaining(r -> latest.add(letter(r)));
            int replayable = (int)
                    t.replayable.stream().filter(id -> !replayed.contains(id)).count();
            int done = (int) t.replayable.stream().filter(replayed::contains).count();
            stages.add(new StageLetters(e.getKey(), t.count, done, replayable, latest));
        }
        return new Summary(total, stages);
    }

    private Letter letter(ConsumerRecord<String, DeadLetter> record) {
        DeadLetter letter = record.value();
        String id = DeadLetterLines.id(record);
        return new Letter(
                id,
                letter.getFailedAt(),
                DeadLetterLines.keyOf(letter),
                DeadLetterLines.shortReason(letter),
                replayed.contains(id));
    }
}
