package dev.digestpipeline.ingest.state;

import dev.digestpipeline.ingest.poll.SourceState;
import java.util.Map;

/** Where the poller keeps each source's state between polls and runs ({@link SourceStateStore}: in Kafka). */
public interface SourceStates {
    /** Every source's last saved state, by source id. */
    Map<String, SourceState> load();

    /** Saves a source's state; returns once it is stored. */
    void save(String sourceId, SourceState state) throws InterruptedException;
}
