package dev.digestpipeline.common.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void eachUnitIsRead() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(6), Durations.parse("6h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7D"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250"));
    }

    @Test
    void aDurationIsWrittenInTheLargestExactUnit() {
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("2d", Durations.format(Duration.ofDays(2)));
        assertEquals("36h", Durations.format(Duration.ofHours(36)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(59), Duration.ofHours(25)}) {
            assertEquals(d, Durations.parse(Durations.format(d)));
        }
    }

    @Test
    void textThatIsNoDurationSaysTheFormExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertEquals("'soon' is not " + Durations.FORM, e.getMessage());
    }
}
