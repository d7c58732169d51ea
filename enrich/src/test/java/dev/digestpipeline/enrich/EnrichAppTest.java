package dev.digestpipeline.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.DeadLetter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class EnrichAppTest {
    @Test
    void kafkaSettingsReachEveryStreamsClientNextToTheExactlyOnceGuarantee() {
        EnrichConfig config = EnrichConfig.of(
                Map.of("DIGEST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "DIGEST_KAFKA_SESSION_TIMEOUT_MS", "10000"));
        Properties props = EnrichApp.streamsProperties(
                config, Serdes.serdeFrom((topic, letter) -> new byte[0], (topic, bytes) -> (DeadLetter) null));
        assertEquals(
                List.of("SASL_SSL", "10000", "exactly_once_v2"),
                List.of(
                        props.get("security.protocol"),
                        props.get("session.timeout.ms"),
                        props.get("processing.guarantee")));
    }

    @Test
    void theStreamThreadsProducersBatchBigAndCanBeToldOtherwise() {
        Properties defaults = EnrichApp.streamsProperties(EnrichConfig.of(Map.of()), deadLetters());
        Properties told = EnrichApp.streamsProperties(
                EnrichConfig.of(Map.of("DIGEST_KAFKA_PRODUCER_BATCH_SIZE", "65536")), deadLetters());
        assertEquals(262144, defaults.get("producer.batch.size"));
        assertEquals("65536", told.get("producer.batch.size"));
    }

    @Test
    void aTaskDoesNotWaitForItsEmptyPartitions() {
        Properties defaults = EnrichApp.streamsProperties(EnrichConfig.of(Map.of()), deadLetters());
        Properties told = EnrichApp.streamsProperties(
                EnrichConfig.of(Map.of("DIGEST_KAFKA_MAX_TASK_IDLE_MS", "0")), deadLetters());
        assertEquals(-1L, defaults.get("max.task.idle.ms"));
        assertEquals("0", told.get("max.task.idle.ms"));
    }

    @Test
    void theConsumersFetchLessThanAHumongousObjectAndCanBeToldOtherwise() {
        Properties defaults = EnrichApp.streamsProperties(EnrichConfig.of(Map.of()), deadLetters());
        Properties told = EnrichApp.streamsProperties(
                EnrichConfig.of(Map.of("DIGEST_KAFKA_CONSUMER_FETCH_MAX_BYTES", "52428800")), deadLetters());
        assertEquals(
                List.of(458752, 458752),
                List.of(defaults.get("consumer.fetch.max.bytes"), defaults.get("consumer.max.partition.fetch.bytes")));
        assertEquals("52428800", told.get("consumer.fetch.max.bytes"));
    }

    private static Serde<DeadLetter> deadLetters() {
        return Serdes.serdeFrom((topic, letter) -> new byte[0], (topic, bytes) -> (DeadLetter) null);
    }
}
