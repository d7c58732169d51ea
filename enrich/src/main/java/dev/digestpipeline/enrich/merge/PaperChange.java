package dev.digestpipeline.enrich.merge;

import dev.digestpipeline.schemas.Paper;

/**
 * What one merge changed: a paper's merged state before (null when new) and after (null when its id was retired).
 * Trend placement reads the windows the paper counted in from {@code before}, so no store keeps them a second time.
 */
public record PaperChange(Paper before, Paper after) {}
