package dev.digestpipeline.ingest.poll;

import java.net.URI;

/**
 * One URL a source polls, with its own state: a plain source has one, its own URL; the Hugging Face daily papers API
 * has one per day it polls; an arXiv API query has one per page of results.
 */
public record Target(Source source, URI url) {
    /** The target that is the source's own URL. */
    public static Target of(Source source) {
        return new Target(source, source.url());
    }

    /** The key of the target's state: the source's kind and the target's URL (for a plain source, the source id). */
    public String id() {
        return source.kind().id() + "," + url;
    }
}
