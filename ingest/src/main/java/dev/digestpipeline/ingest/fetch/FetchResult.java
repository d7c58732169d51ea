package dev.digestpipeline.ingest.fetch;

import java.net.URI;
import java.util.Optional;

/**
 * What one fetch of a URL gave: the status, the URL asked for and the one that answered (after redirects), the body
 * (empty for a 304 or an error), and the headers a poller keeps: content type, validators, Retry-After.
 */
@SuppressWarnings("ArrayRecordComponent") // the body is handed on as it is, never compared
public record FetchResult(
        URI requested,
        URI finalUri,
        int status,
        byte[] body,
        String contentType,
        String etag,
        String lastModified,
        String retryAfter) {

    public boolean isOk() {
        return status / 100 == 2;
    }

    /** 304: the page has not changed since the validators sent. */
    public boolean isNotModified() {
        return status == 304;
    }

    /** 429 or 503: the site asks us to slow down. */
    public boolean isThrottled() {
        return status == 429 || status == 503;
    }

    public Optional<String> retryAfterHeader() {
        return Optional.ofNullable(retryAfter);
    }
}
