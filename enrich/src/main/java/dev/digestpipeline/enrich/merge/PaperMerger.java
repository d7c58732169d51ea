package dev.digestpipeline.enrich.merge;

import dev.digestpipeline.enrich.page.TagRecords;
import dev.digestpipeline.parse.fields.AbstractFacts;
import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Sighting;
import dev.digestpipeline.tagging.TopicTagger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges what one page says about a paper into what is known about it: union of pages (sightings) and links,
 * highest upvotes and comment count, categories from whichever source has them, earliest dates, first and last
 * seen, appearances; tags and facts recomputed on the merged text. A page already seen adds nothing, so merging
 * its re-publication gives back the same state.
 */
public class PaperMerger {
    private final TopicTagger tagger;

    public PaperMerger(TopicTagger tagger) {
        this.tagger = tagger;
    }

    /**
     * The merged state of {@code known} (null for a paper never seen) and {@code seen}; its revision and parsedAt
     * are {@code known}'s, for the caller to set when the state changed.
     */
    public Paper merge(Paper known, Paper seen) {
        if (known == null) {
            Paper first = shallowCopy(seen);
            first.setRevision(0);
            return withSightingTotals(first);
        }
        Paper merged = shallowCopy(known);
        Map<String, Sighting> sightings = new LinkedHashMap<>();
        known.getSightings().forEach(s -> sightings.putIfAbsent(s.getPageUri(), s));
        seen.getSightings().forEach(s -> sightings.putIfAbsent(s.getPageUri(), s));
        merged.setSightings(new ArrayList<>(sightings.values()));
        merged.setSourcePages(new ArrayList<>(sightings.keySet()));
        Map<String, Link> links = new LinkedHashMap<>();
        known.getLinks().forEach(l -> links.putIfAbsent(l.getUrl(), l));
        seen.getLinks().forEach(l -> links.putIfAbsent(l.getUrl(), l));
        merged.setLinks(new ArrayList<>(links.values()));
        merged.setUpvotes(max(known.getUpvotes(), seen.getUpvotes()));
        merged.setCommentCount(max(known.getCommentCount(), seen.getCommentCount()));
        merged.setArxivId(first(known.getArxivId(), seen.getArxivId()));
        merged.setArxivVersion(max(known.getArxivVersion(), seen.getArxivVersion()));
        merged.setAbstract$(first(known.getAbstract$(), seen.getAbstract$()));
        if (known.getAuthors().isEmpty()) {
            merged.setAuthors(seen.getAuthors());
        }
        if (known.getCategories().isEmpty() && !seen.getCategories().isEmpty()) {
            merged.setCategories(seen.getCategories());
            merged.setPrimaryCategory(seen.getPrimaryCategory());
        }
        merged.setDigestDate(earliest(known.getDigestDate(), seen.getDigestDate()));
        merged.setPublishedAt(earliest(known.getPublishedAt(), seen.getPublishedAt()));
        merged.setAnnouncedOn(earliest(known.getAnnouncedOn(), seen.getAnnouncedOn()));
        merged.setAnnounceType(first(known.getAnnounceType(), seen.getAnnounceType()));
        boolean textChanged = !Objects.equals(known.getAbstract$(), merged.getAbstract$())
                || !known.getCategories().equals(merged.getCategories());
        if (textChanged) {
            AbstractFacts facts = AbstractFacts.of(merged.getAbstract$());
            merged.setModelSizes(facts.modelSizes());
            merged.setComputeBudgets(facts.computeBudgets());
            merged.setContextLengths(facts.contextLengths());
            merged.setTags(TagRecords.tag(tagger, merged.getTitle(), merged.getAbstract$(), merged.getCategories()));
        }
        return withSightingTotals(merged);
    }

    /** Whether two states say the same about a paper, revision and parse time aside. */
    public static boolean sameState(Paper a, Paper b) {
        Paper left = normalized(a);
        // compared with the class's own model: Paper.equals would compare arrays with GenericData's, which knows
        // no logical types and fails on the LocalDate inside a deserialized array of sightings
        return left.getSpecificData().compare(left, normalized(b), Paper.getClassSchema()) == 0;
    }

    private static Paper normalized(Paper p) {
        Paper normalized = shallowCopy(p);
        normalized.setRevision(0);
        normalized.setParsedAt(Instant.EPOCH);
        return normalized;
    }

    /**
     * A new record holding the same field values: what the merge changes it replaces, never alters in place.
     * {@code Paper.newBuilder(paper)} would copy every string, list and nested record, which was most of the
     * merge's time.
     */
    static Paper shallowCopy(Paper paper) {
        Paper copy = new Paper();
        int fields = Paper.getClassSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, paper.get(i));
        }
        return copy;
    }

    private static Paper withSightingTotals(Paper paper) {
        List<Sighting> sightings = paper.getSightings();
        paper.setAppearances(sightings.size());
        paper.setFirstSeenAt(sightings.stream()
                .map(Sighting::getSeenAt)
                .min(Comparator.naturalOrder())
                .orElse(null));
        paper.setLastSeenAt(sightings.stream()
                .map(Sighting::getSeenAt)
                .max(Comparator.naturalOrder())
                .orElse(null));
        return paper;
    }

    private static Integer max(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static <T extends Comparable<? super T>> T earliest(T a, T b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }
}
