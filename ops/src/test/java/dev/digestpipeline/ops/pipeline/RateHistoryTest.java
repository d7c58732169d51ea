package dev.digestpipeline.ops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void theRateIsTheCountsGrowthPerSecondBetweenSamples() {
        RateHistory history = new RateHistory(Duration.ofMinutes(15));
        history.add(T0, 100);
        history.add(T0.plusSeconds(5), 150);
        history.add(T0.plusSeconds(10), 250);
        assertEquals(
                List.of(
                        new RateHistory.Point(T0.plusSeconds(5), 10.0),
                        new RateHistory.Point(T0.plusSeconds(10), 20.0)),
                history.points());
        assertEquals(15.0, history.perSecond(Duration.ofMinutes(1)));
        assertEquals(250, history.latest());
    }

    @Test
    void theWindowTakesOnlyTheSamplesWithinIt() {
        RateHistory history = new RateHistory(Duration.ofMinutes(15));
        history.add(T0, 0);
        history.add(T0.plusSeconds(60), 6000);
        history.add(T0.plusSeconds(120), 6600);
        assertEquals(10.0, history.perSecond(Duration.ofSeconds(60)));
    }

    @Test
    void aCountThatFellStartsTheHistoryAgain() {
        RateHistory history = new RateHistory(Duration.ofMinutes(15));
        history.add(T0, 500);
        history.add(T0.plusSeconds(5), 20); // the topic was recreated
        history.add(T0.plusSeconds(10), 70);
        assertEquals(List.of(new RateHistory.Point(T0.plusSeconds(10), 10.0)), history.points());
    }

    @Test
    void samplesOlderThanTheSpanAreDropped() {
        RateHistory history = new RateHistory(Duration.ofSeconds(30));
        for (int s = 0; s <= 60; s += 10) {
            history.add(T0.plusSeconds(s), s);
        }
        assertEquals(3, history.points().size()); // the samples at 30 to 60 s
    }

    @Test
    void withOneSampleThereIsNoRateYet() {
        RateHistory history = new RateHistory(Duration.ofMinutes(15));
        assertEquals(-1, history.latest());
        history.add(T0, 42);
        assertEquals(0.0, history.perSecond(Duration.ofMinutes(1)));
        assertEquals(List.of(), history.points());
    }
}
