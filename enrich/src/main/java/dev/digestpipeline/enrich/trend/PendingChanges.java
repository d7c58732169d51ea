package dev.digestpipeline.enrich.trend;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
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

    /**
     * A version byte, then the number of tags and each tag (its UTF-8 length and bytes) with its change, read and
     * written straight from and to an array: a day's entry holds every tag of the day and is read and written for
     * each paper placed in it, and a stream over the bytes made that a tenth of the trend placement's time. Reads
     * the version-1 entries (Java's modified UTF-8) and the four-byte counts that earlier enrich versions left.
     */
    public static Serde<PendingChanges> serde() {
        Serializer<PendingChanges> serializer = (topic, changes) -> changes == null ? null : changes.toBytes();
        Deserializer<PendingChanges> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == Integer.BYTES) {
                // an earlier enrich's count of one window: its first byte is 0 or -1, never a version
                PendingChanges changes = none();
                changes.add(WHOLE_KEY, Serdes.Integer().deserializer().deserialize(topic, bytes));
                return changes;
            }
            return switch (bytes[0]) {
                case VERSION -> fromBytes(bytes);
                case VERSION_1 -> fromVersion1(bytes);
                default -> throw new IllegalStateException("pending trend changes of an unknown version " + bytes[0]);
            };
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private byte[] toBytes() {
        byte[][] tags = new byte[byTag.size()][];
        int size = 1 + Integer.BYTES;
        int i = 0;
        for (String tag : byTag.keySet()) {
            tags[i] = tag.getBytes(StandardCharsets.UTF_8);
            size += 2 * Integer.BYTES + tags[i].length;
            i++;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putInt(tags.length);
        i = 0;
        for (int change : byTag.values()) {
            out.putInt(tags[i].length).put(tags[i]).putInt(change);
            i++;
        }
        return out.array();
    }

    private static PendingChanges fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int tags = in.getInt();
        PendingChanges changes = new PendingChanges(new LinkedHashMap<>(2 * tags));
        for (int i = 0; i < tags; i++) {
            int length = in.getInt();
            String tag = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            changes.add(tag, in.getInt());
        }
        return changes;
    }

    /** The format earlier enrich versions wrote: the tags in Java's modified UTF-8 ({@link DataInput#readUTF}). */
    private static PendingChanges fromVersion1(byte[] bytes) {
        PendingChanges changes = none();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            int tags = in.readInt();
            for (int i = 0; i < tags; i++) {
                changes.add(in.readUTF(), in.readInt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changes;
    }
}
