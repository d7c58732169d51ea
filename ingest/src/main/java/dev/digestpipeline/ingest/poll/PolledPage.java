package dev.digestpipeline.ingest.poll;

import java.net.URI;

/** A changed page a poll brought: what to publish, as the source's kind declares it. */
@SuppressWarnings("ArrayRecordComponent") // the body is handed on as it is, never compared
public record PolledPage(Source source, URI finalUri, String contentType, byte[] body, String sha256) {}
