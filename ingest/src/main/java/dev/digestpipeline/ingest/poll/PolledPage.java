package dev.digestpipeline.ingest.poll;

import java.net.URI;

/** A changed page a poll brought: what to publish, keyed by the target's URL, as the source's kind declares it. */
@SuppressWarnings("ArrayRecordComponent") // the body is handed on as it is, never compared
public record PolledPage(Target target, URI finalUri, String contentType, byte[] body, String sha256) {
    public Source source() {
        return target.source();
    }
}
