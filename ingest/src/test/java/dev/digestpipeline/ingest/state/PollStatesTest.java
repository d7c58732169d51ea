package dev.digestpipeline.ingest.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.ingest.poll.SourceState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollStatesTest {
    @Test
    void everyFieldOfAStateSurvivesTheRecord() {
        SourceState state = new SourceState(
                "\"v1\"",
                "Fri, 27 Nov 2026 06:00:00 GMT",
                "ab12",
                Instant.parse("2026-11-27T12:00:01Z"),
                Instant.parse("2026-11-27T11:00:01Z"),
                503,
                "HTTP 503 from https://rss.arxiv.org/rss/cs.CL",
                Instant.parse("2026-11-27T12:01:01Z"),
                1,
                152,
                Instant.parse("2026-11-27T11:00:01Z"));
        assertEquals(
                state, PollStates.toState(PollStates.toRecord("arxiv-rss,https://rss.arxiv.org/rss/cs.CL", state)));
    }

    @Test
    void aSourceNeverPolledHasNoValuesToKeep() {
        assertEquals(
                SourceState.initial(),
                PollStates.toState(PollStates.toRecord("url,https://x.org/", SourceState.initial())));
    }
}
