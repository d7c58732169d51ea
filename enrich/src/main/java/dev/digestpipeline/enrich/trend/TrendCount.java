package dev.digestpipeline.enrich.trend;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** What enrich keeps of one window: its distinct papers, the revision of its last record, and whether it closed. */
public record TrendCount(int papers, int revision, boolean closed) {
    static final TrendCount NONE = new TrendCount(0, 0, false);

    TrendCount plus(int delta) {
        return new TrendCount(Math.max(0, papers + delta), revision, closed);
    }

    TrendCount closedNow() {
        return new TrendCount(papers, revision, true);
    }

    TrendCount sent() {
        return new TrendCount(papers, revision + 1, closed);
    }

    /** Nine bytes: papers, revision, closed. */
    public static Serde<TrendCount> serde() {
        Serializer<TrendCount> serializer = (topic, count) -> count == null
                ? null
                : ByteBuffer.allocate(9)
                        .putInt(count.papers)
                        .putInt(count.revision)
                        .put((byte) (count.closed ? 1 : 0))
                        .array();
        Deserializer<TrendCount> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new TrendCount(buffer.getInt(), buffer.getInt(), buffer.get() == 1);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
