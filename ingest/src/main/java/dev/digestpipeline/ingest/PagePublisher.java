package dev.digestpipeline.ingest;

import dev.digestpipeline.schemas.RawPage;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sends raw pages keyed by source URI; a page over the size limit is refused whole, never truncated. */
final class PagePublisher {
    private final Producer<String, RawPage> producer;
    private final String topic;
    private final int maxPageBytes;

    PagePublisher(Producer<String, RawPage> producer, String topic, int maxPageBytes) {
        this.producer = producer;
        this.topic = topic;
        this.maxPageBytes = maxPageBytes;
    }

    Future<RecordMetadata> publish(RawPage page) {
        int size = page.getContent().remaining();
        if (size > maxPageBytes) {
            throw new PageTooLargeException(page.getSourceUri(), size, maxPageBytes);
        }
        return producer.send(new ProducerRecord<>(topic, page.getSourceUri(), page));
    }

    void flush() {
        producer.flush();
    }

    static final class PageTooLargeException extends RuntimeException {
        PageTooLargeException(String source, int size, int limit) {
            super("page " + source + " is " + size + " bytes, over the limit of " + limit
                    + " bytes (max.page.bytes); it was not published. Raise max.page.bytes (the topic's "
                    + "max.message.bytes must allow it too) or split the page.");
        }
    }
}
