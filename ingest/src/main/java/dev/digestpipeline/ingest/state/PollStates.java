package dev.digestpipeline.ingest.state;

import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.schemas.PollState;

/** A source's state as the Avro record of digest.sources.state, and back. */
final class PollStates {
    private PollStates() {}

    static PollState toRecord(String sourceId, SourceState state) {
        return PollState.newBuilder()
                .setSourceId(sourceId)
                .setEtag(state.etag())
                .setLastModified(state.lastModified())
                .setBodySha256(state.bodySha256())
                .setLastPollAt(state.lastPollAt())
                .setLastSuccessAt(state.lastSuccessAt())
                .setLastStatus(state.lastStatus())
                .setLastError(state.lastError())
                .setNextDueAt(state.nextDueAt())
                .setFailures(state.failures())
                .setPapers(state.papers())
                .setLastChangedAt(state.lastChangedAt())
                .build();
    }

    static SourceState toState(PollState record) {
        return new SourceState(
                record.getEtag(),
                record.getLastModified(),
                record.getBodySha256(),
                record.getLastPollAt(),
                record.getLastSuccessAt(),
                record.getLastStatus(),
                record.getLastError(),
                record.getNextDueAt(),
                record.getFailures(),
                record.getPapers(),
                record.getLastChangedAt());
    }
}
