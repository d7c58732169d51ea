package dev.digestpipeline.enrich.identity;

import dev.digestpipeline.schemas.Paper;

/**
 * What {@link PaperIdentityProcessor} hears of a title: a sighting that came by title (a paper seen without an
 * arXiv id), or the arXiv id of a sighting that went straight to its paper. Never serialized: each kind has its
 * own repartition topic, and the two meet after them.
 *
 * @param sighting the sighting, or null for an id
 * @param arxivId the arXiv id a sighting of this title carried, or null for a sighting
 */
public record TitleEvent(Paper sighting, String arxivId) {
    public static TitleEvent sighting(Paper sighting) {
        return new TitleEvent(sighting, null);
    }

    public static TitleEvent arxivId(String arxivId) {
        return new TitleEvent(null, arxivId);
    }
}
