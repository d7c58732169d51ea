package dev.digestpipeline.ingest.poll;

import java.util.Optional;

/**
 * The result of one poll. Without a page, {@link #state()} is the source's new state. With one, {@link #state()}
 * keeps the old validators and hash and {@link #afterPublish()} has the new ones: the caller saves the latter only
 * once Kafka acknowledged the page, so a crash in between fetches the page again instead of losing it.
 */
public record PollOutcome(SourceState state, Optional<PolledPage> page, SourceState afterPublish) {
    static PollOutcome without(SourceState state) {
        return new PollOutcome(state, Optional.empty(), state);
    }
}
