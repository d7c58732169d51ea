package dev.digestpipeline.ingest.fetch;

import java.io.IOException;
import java.net.URI;

/** A body longer than the cap: refused whole, never truncated. */
public final class PageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public PageTooLargeException(URI uri, long maxBytes) {
        super(uri + " is larger than " + maxBytes + " bytes: refused, not truncated (max.page.bytes)");
    }
}
