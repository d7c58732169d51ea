package dev.digestpipeline.cli.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.schemas.TagTrend;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private static <V> ConsumerRecord<String, V> record(String key, V value, RecordHeaders headers) {
        return new ConsumerRecord<>(
                "digest.trends",
                1,
                42,
                Instant.parse("2025-08-21T08:00:00Z").toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                value,
                headers,
                Optional.empty());
    }

    @Test
    void aTrendIsOneLineWithItsFieldsByNameAndItsTimesInIso8601() {
        TagTrend trend = TagTrend.newBuilder()
                .setTag("vision")
                .setGranularity("day")
                .setWindowStart(Instant.parse("2025-08-20T00:00:00Z"))
                .setWindowEnd(Instant.parse("2025-08-21T00:00:00Z"))
                .setDistinctPapers(3)
                .setFinal$(true)
                .setRevision(2)
                .build();
        assertEquals(
                "{\"topic\":\"digest.trends\",\"partition\":1,\"offset\":42,\"timestamp\":\"2025-08-21T08:00:00Z\","
                        + "\"key\":\"vision|day|2025-08-20T00:00:00Z\",\"headers\":{},\"value\":{\"tag\":\"vision\","
                        + "\"granularity\":\"day\",\"windowStart\":\"2025-08-20T00:00:00Z\",\"windowEnd\":"
                        + "\"2025-08-21T00:00:00Z\",\"distinctPapers\":3,\"final\":true,\"revision\":2}}",
                RecordJson.line(record("vision|day|2025-08-20T00:00:00Z", trend, new RecordHeaders())));
    }

    @Test
    void aTombstoneHasANullValue() {
        assertEquals(
                "{\"topic\":\"digest.trends\",\"partition\":1,\"offset\":42,\"timestamp\":\"2025-08-21T08:00:00Z\","
                        + "\"key\":\"k\",\"headers\":{},\"value\":null}",
                RecordJson.line(record("k", null, new RecordHeaders())));
    }

    @Test
    void bytesThatAreTextAreShownAsTextOthersInBase64AndHeadersToo() {
        RawPage page = RawPage.newBuilder()
                .setSourceUri("https://hf.example/a")
                .setFetchedAt(Instant.parse("2025-08-21T08:00:00Z"))
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap("<h1>Daily Papers</h1>".getBytes(StandardCharsets.UTF_8)))
                .build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("reason", "late".getBytes(StandardCharsets.UTF_8));
        headers.add("raw", new byte[] {(byte) 0xff, 0x00});
        String line = RecordJson.line(record("https://hf.example/a", page, headers));
        assertEquals(
                "\"headers\":{\"reason\":\"late\",\"raw\":{\"base64\":\"/wA=\"}},\"value\":{\"sourceUri\":"
                        + "\"https://hf.example/a\",\"kind\":null,\"fetchedAt\":\"2025-08-21T08:00:00Z\",\"contentType\":"
                        + "null,\"contentSha256\":\"0\",\"content\":\"<h1>Daily Papers</h1>\"}}",
                line.substring(line.indexOf("\"headers\"")));
    }
}
