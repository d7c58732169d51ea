package dev.digestpipeline.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A mock consumer that keeps every commit, and runs an action after each (a test stops the indexer there). */
final class CommitRecordingConsumer extends MockConsumer<byte[], byte[]> {
    final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    private Runnable afterCommit = () -> {};

    CommitRecordingConsumer() {
        super("earliest");
    }

    void afterCommit(Runnable action) {
        afterCommit = action;
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        commits.add(Map.copyOf(offsets));
        afterCommit.run();
    }
}
