package dev.digestpipeline.enrich.page;

import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;

/** What the page processor emits: a paper for digest.papers or a dead letter for digest.pages.dlq. */
public record EnrichOutcome(Paper paper, DeadLetter deadLetter) {
    static EnrichOutcome of(Paper paper) {
        return new EnrichOutcome(paper, null);
    }

    static EnrichOutcome of(DeadLetter deadLetter) {
        return new EnrichOutcome(null, deadLetter);
    }

    public boolean isPaper() {
        return paper != null;
    }
}
