package dev.digestpipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.common.settings.AppSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SinkAppTest {
    private static final SinkConfig SASL = SinkConfig.from(AppSettings.load(
            new String[] {"--kafka.security.protocol=SASL_SSL", "--kafka.max.poll.records=50"},
            Map.of(),
            SinkConfig.SETTINGS));

    @Test
    void kafkaSettingsReachTheConsumerAndWinOverItsDefaults() {
        Properties consumer = SinkApp.consumerProperties(SASL);
        assertEquals(
                List.of("SASL_SSL", "50", "read_committed"),
                List.of(
                        consumer.get("security.protocol"),
                        consumer.get("max.poll.records").toString(),
                        consumer.get("isolation.level")));
    }

    @Test
    void kafkaSettingsReachTheDeadLetterProducer() {
        assertEquals("SASL_SSL", SinkApp.producerProperties(SASL).get("security.protocol"));
    }
}
