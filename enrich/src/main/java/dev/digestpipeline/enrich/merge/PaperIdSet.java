package dev.digestpipeline.enrich.merge;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** The distinct paper ids of one trend window, stored as their UTF-8 lines (ids hold no line breaks). */
public final class PaperIdSet {
    private final TreeSet<String> ids = new TreeSet<>();

    public PaperIdSet with(String id) {
        ids.add(id);
        return this;
    }

    public int size() {
        return ids.size();
    }

    public SortedSet<String> ids() {
        return Collections.unmodifiableSortedSet(ids);
    }

    public static Serde<PaperIdSet> serde() {
        Serializer<PaperIdSet> serializer =
                (topic, set) -> set == null ? null : String.join("\n", set.ids).getBytes(StandardCharsets.UTF_8);
        Deserializer<PaperIdSet> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            PaperIdSet set = new PaperIdSet();
            if (bytes.length > 0) {
                for (String id : new String(bytes, StandardCharsets.UTF_8).split("\n", 0)) {
                    set.ids.add(id);
                }
            }
            return set;
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
