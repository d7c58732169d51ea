package dev.digestpipeline.enrich;

import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.schemas.RawPage;
import java.nio.ByteBuffer;

/** Raw page records as ingest publishes them, for the topology's tests. */
public final class RawPages {
    private RawPages() {}

    public static RawPage rawPage(String uri, byte[] content, String contentType) {
        return RawPage.newBuilder()
                .setSourceUri(uri)
                .setFetchedAt(Fixtures.FETCHED)
                .setContentType(contentType)
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(content))
                .build();
    }
}
