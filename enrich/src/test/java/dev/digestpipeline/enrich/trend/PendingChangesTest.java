package dev.digestpipeline.enrich.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class PendingChangesTest {
    private final Serde<PendingChanges> serde = PendingChanges.serde();

    private PendingChanges roundTrip(PendingChanges changes) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", changes));
    }

    @Test
    void changesOfEachTagSurviveTheStoreInTheOrderFirstAdded() {
        PendingChanges changes = PendingChanges.none();
        changes.add("vision", 1);
        changes.add("robotics", -1);
        changes.add("vision", 2);
        assertEquals(Map.of("vision", 3, "robotics", -1), roundTrip(changes).byTag());
        assertEquals(
                java.util.List.of("vision", "robotics"),
                java.util.List.copyOf(roundTrip(changes).byTag().keySet()));
    }

    @Test
    void tagsOutsideAsciiSurviveTheStore() {
        PendingChanges changes = PendingChanges.none();
        changes.add("topic:réseaux-神经", 4);
        assertEquals(Map.of("topic:réseaux-神经", 4), roundTrip(changes).byTag());
    }

    @Test
    void changesAnEarlierEnrichStoredInTheFirstFormatStillRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(2);
            out.writeUTF("vision");
            out.writeInt(3);
            out.writeUTF("topic:réseaux");
            out.writeInt(-1);
        }
        PendingChanges changes = serde.deserializer().deserialize("t", bytes.toByteArray());
        assertEquals(Map.of("vision", 3, "topic:réseaux", -1), changes.byTag());
    }

    @Test
    void changesThatAddUpToNothingLeaveNoTag() {
        PendingChanges changes = PendingChanges.none();
        changes.add("vision", 1);
        changes.add("vision", -1);
        assertTrue(changes.isEmpty());
    }

    @Test
    void aCountAnEarlierEnrichStoredUnderTheWholeWindowKeyReadsAsAChangeOfThatKey() {
        byte[] earlier = Serdes.Integer().serializer().serialize("t", -2);
        PendingChanges changes = serde.deserializer().deserialize("t", earlier);
        assertEquals(Map.of(PendingChanges.WHOLE_KEY, -2), changes.byTag());
        assertEquals(
                "vision|day|2025-08-20T00:00:00Z",
                PendingChanges.windowKey(PendingChanges.WHOLE_KEY, "vision|day|2025-08-20T00:00:00Z"));
    }

    @Test
    void aWindowKeySplitsIntoItsEntryKeyAndTagAndJoinsBack() {
        String key = "learning-theory|hour|2025-08-20T10:00:00Z";
        assertEquals("hour|2025-08-20T10:00:00Z", TrendWindow.afterTag(key));
        assertEquals("learning-theory", TrendWindow.tag(key));
        assertEquals(key, PendingChanges.windowKey(TrendWindow.tag(key), TrendWindow.afterTag(key)));
    }
}
