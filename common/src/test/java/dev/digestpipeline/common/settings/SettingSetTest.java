package dev.digestpipeline.common.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SettingSetTest {
    private static final Setting BATCH = Setting.integer("batch.size", 500, 1, 10_000, "records per bulk");
    private static final Setting CREDENTIAL =
            Setting.text("api.credential", "s3cret", "a credential").asSecret();
    private static final Setting TAXONOMY = Setting.path("taxonomy", "", "taxonomy file");

    @Test
    void helpListsEverySettingWithItsDefaultThenTheSharedOptionsAndSwitches() {
        assertEquals("""
                Options (each also DIGEST_<NAME> in the environment, dots as underscores, or a line in --config FILE):
                  --batch.size=N          records per bulk (default 500)
                  --api.credential=VALUE  a credential (default ****)
                  --taxonomy=PATH         taxonomy file
                  --kafka.PROPERTY=VALUE  any Kafka client property, e.g. --kafka.security.protocol=SASL_SSL \
                (environment: DIGEST_KAFKA_SECURITY_PROTOCOL)
                  --config=FILE           a properties file with any of the above (environment: DIGEST_CONFIG)
                  --help                  print this text and exit
                """, SettingSet.of(BATCH, CREDENTIAL, TAXONOMY).help());
    }

    @Test
    void markdownTableHasOneRowPerSettingWithItsEnvironmentVariable() {
        assertEquals("""
                | setting | environment | default | what it sets |
                |---|---|---|---|
                | `batch.size` | `DIGEST_BATCH_SIZE` | `500` | records per bulk |
                | `taxonomy` | `DIGEST_TAXONOMY` |  | taxonomy file |
                """, SettingSet.of(BATCH, TAXONOMY).markdownTable());
    }

    @Test
    void aSettingDeclaredTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingSet.of(BATCH, BATCH));
        assertEquals("setting 'batch.size' is declared twice", e.getMessage());
    }
}
