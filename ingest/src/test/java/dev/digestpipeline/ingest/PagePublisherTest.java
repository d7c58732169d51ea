package dev.digestpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.ingest.fetch.Sha256;
import dev.digestpipeline.schemas.RawPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PagePublisherTest {
    private final MockProducer<String, RawPage> producer =
            new MockProducer<>(true, null, new StringSerializer(), (Serializer<RawPage>) (topic, page) -> new byte[0]);

    private static RawPage page(String uri, int size) {
        byte[] content = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
        return RawPage.newBuilder()
                .setSourceUri(uri)
                .setFetchedAt(Instant.parse("2025-08-20T06:00:00Z"))
                .setContentType("text/plain")
                .setContentSha256(Sha256.hex(content))
                .setContent(ByteBuffer.wrap(content))
                .build();
    }

    @Test
    void pageIsKeyedBySourceUri() {
        Future<RecordMetadata> unused =
                new PagePublisher(producer, "digest.pages.raw", 100).publish(page("file:///pages/a.txt", 10));
        assertEquals(1, producer.history().size());
        assertEquals("digest.pages.raw", producer.history().get(0).topic());
        assertEquals("file:///pages/a.txt", producer.history().get(0).key());
    }

    @Test
    void pageOverTheLimitIsRefusedWholeWithItsName() {
        PagePublisher publisher = new PagePublisher(producer, "digest.pages.raw", 100);
        RuntimeException e = assertThrows(
                PagePublisher.PageTooLargeException.class, () -> publisher.publish(page("file:///pages/big.txt", 101)));
        assertEquals(
                "page file:///pages/big.txt is 101 bytes, over the limit of 100 bytes (max.page.bytes); "
                        + "it was not published. Raise max.page.bytes (the topic's max.message.bytes must allow it too) "
                        + "or split the page.",
                e.getMessage());
        assertTrue(producer.history().isEmpty());
    }

    @Test
    void pageAtTheLimitIsPublished() {
        Future<RecordMetadata> unused =
                new PagePublisher(producer, "digest.pages.raw", 100).publish(page("file:///pages/edge.txt", 100));
        assertEquals(1, producer.history().size());
    }
}
