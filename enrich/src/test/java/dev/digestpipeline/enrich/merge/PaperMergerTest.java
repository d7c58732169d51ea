package dev.digestpipeline.enrich.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.enrich.AvroTestSerde;
import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Sighting;
import dev.digestpipeline.tagging.TopicTagger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperMergerTest {
    private final PaperMerger merger = new PaperMerger(TopicTagger.bundled());

    private static Paper seen(String page, String at, Integer upvotes, List<String> categories, String abstractText) {
        Instant seenAt = Instant.parse(at);
        return Paper.newBuilder()
                .setPaperId("2508.00001")
                .setArxivId("2508.00001")
                .setTitle("Robot Grasping")
                .setAbstract$(abstractText)
                .setUpvotes(upvotes)
                .setCategories(categories)
                .setPrimaryCategory(categories.isEmpty() ? null : categories.get(0))
                .setDigestDate(LocalDate.parse(at.substring(0, 10)))
                .setSourcePages(List.of(page))
                .setSightings(List.of(new Sighting(page, 1, null, seenAt)))
                .setLinks(List.of(new Link("paper", "https://arxiv.org/abs/2508.00001", null)))
                .setAppearances(1)
                .setFirstSeenAt(seenAt)
                .setLastSeenAt(seenAt)
                .setParsedAt(seenAt)
                .build();
    }

    @Test
    void firstSightingIsKeptAsItIs() {
        Paper first = seen("p1", "2025-08-20T10:00:00Z", 3, List.of(), "A robot grasps.");
        assertTrue(PaperMerger.sameState(first, merger.merge(null, first)));
    }

    @Test
    void secondSourceAddsItsPageKeepsTheHighestUpvotesAndTheEarliestDay() {
        Paper known = merger.merge(null, seen("p1", "2025-08-21T10:00:00Z", 30, List.of(), "A robot grasps."));
        Paper merged = merger.merge(known, seen("p2", "2025-08-20T08:00:00Z", 4, List.of("cs.RO"), null));
        assertEquals(List.of("p1", "p2"), merged.getSourcePages());
        assertEquals(2, merged.getAppearances());
        assertEquals(30, merged.getUpvotes());
        assertEquals(LocalDate.of(2025, 8, 20), merged.getDigestDate());
        assertEquals(Instant.parse("2025-08-20T08:00:00Z"), merged.getFirstSeenAt());
        assertEquals(Instant.parse("2025-08-21T10:00:00Z"), merged.getLastSeenAt());
        assertEquals("A robot grasps.", merged.getAbstract$());
        assertEquals(List.of("cs.RO"), merged.getCategories());
        assertEquals("robotics", merged.getTags().get(0).getName());
        assertEquals(List.of("category:cs.RO"), merged.getTags().get(0).getEvidence());
        assertEquals(1, merged.getLinks().size());
    }

    @Test
    void aPageAlreadySeenChangesNothingEvenWhenFetchedAgainLater() {
        Paper known = merger.merge(null, seen("p1", "2025-08-20T10:00:00Z", 3, List.of(), "A robot grasps."));
        Paper again = merger.merge(known, seen("p1", "2025-08-22T10:00:00Z", 3, List.of(), "A robot grasps."));
        assertTrue(PaperMerger.sameState(known, again));
    }

    @Test
    void stateReadBackFromItsBytesWithDatesInsideSightingsComparesEqual() {
        AvroTestSerde<Paper> serde = new AvroTestSerde<>(Paper.class);
        Paper page = Paper.newBuilder(seen("p1", "2025-08-20T10:00:00Z", 3, List.of(), "x"))
                .setSightings(List.of(
                        new Sighting("p1", 1, LocalDate.of(2025, 8, 20), Instant.parse("2025-08-20T10:00:00Z"))))
                .build();
        Paper stored =
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", merger.merge(null, page)));
        assertTrue(PaperMerger.sameState(stored, merger.merge(stored, page)));
    }

    @Test
    void revisionAndParseTimeAreNotPartOfTheState() {
        Paper a = seen("p1", "2025-08-20T10:00:00Z", 3, List.of(), "x");
        Paper b = Paper.newBuilder(a)
                .setRevision(7)
                .setParsedAt(Instant.parse("2030-01-01T00:00:00Z"))
                .build();
        assertTrue(PaperMerger.sameState(a, b));
    }
}
