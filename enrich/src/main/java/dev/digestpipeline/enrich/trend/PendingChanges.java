package dev.digestpipeline.enrich.trend;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The count changes not sent yet of the windows that share one granularity and start, by tag: one store entry per
 * window start instead of one per tag, so that a paper with eight tags costs two reads and two writes of
 * {@link TrendPlacementProcessor#PENDING}, not sixteen of each.
 *
 * <p>The store once held one entry per window, keyed by the window's whole key, with a four-byte count. Such an
 * entry reads as a change whose tag is {@link #WHOLE_KEY}: its store key is already the window's key, so an
 * upgraded enrich still sends what an earlier one left pending.
 */
public final class PendingChanges {
    /** The tag of a change stored by an earlier enrich, under the window's whole key. */
    static final String WHOLE_KEY = "";

    private static final byte VERSION = 1;
    private final Map<String, Integer> byTag;

    private PendingChanges(Map<String, Integer> byTag) {
        this.byTag = byTag;
    }

    static PendingChanges none() {
        return new PendingChanges(new LinkedHashMap<>());
    }

    /** Adds a change to a tag's count; changes that add up to nothing are dropped. */
    void add(String tag, int change) {
        byTag.merge(tag, change, (a, b) -> a + b == 0 ? null : a + b);
    }

    boolean isEmpty() {
        return byTag.isEmpty();
    }

    /** Tag to change, in the order first added. */
    Map<String, Integer> byTag() {
        return Collections.unmodifiableMap(byTag);
    }

    /** The key of a tag's window, given the key of its entry ({@link TrendWindow#afterTag}). */
    static String windowKey(String tag, String entryKey) {
        return tag.equals(WHOLE_KEY) ? entryKey : TrendWindow.key(tag, entryKey);
    }

    /** A version byte, then the number of tags and each tag with its change; reads earlier four-byte counts too. */
    public static Serde<PendingChanges> serde() {
        Serializer<PendingChanges> serializer = (topic, changes) -> {
            if (changes == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * changes.byTag.size() + 5);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeInt(changes.byTag.size());
                for (Map.Entry<String, Integer> e : changes.byTag.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<PendingChanges> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            PendingChanges changes = none();
            if (bytes.length == Integer.BYTES) {
                // an earlier enrich's count of one window: its first byte is 0 or -1, never VERSION
                changes.add(WHOLE_KEY, Serdes.Integer().deserializer().deserialize(topic, bytes));
                return changes;
            }
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new IllegalStateException("pending trend changes of an unknown version " + version);
                }
                int tags = in.readInt();
                for (int i = 0; i < tags; i++) {
                    changes.add(in.readUTF(), in.readInt());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return changes;
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
