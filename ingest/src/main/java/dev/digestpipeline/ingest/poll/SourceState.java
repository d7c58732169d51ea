package dev.digestpipeline.ingest.poll;

import java.time.Instant;

/**
 * What the poller remembers of a source between polls (and, kept in Kafka, between runs): the validators and body
 * hash of the last page Kafka acknowledged, when it was last polled and with what result, when it is due, and how
 * many failures in a row the backoff counts.
 *
 * @param lastStatus the HTTP status of the last poll, 0 when it got none (network error, robots)
 * @param papers how many papers the last published page held, -1 when not counted
 * @param lastChangedAt when a poll last brought a changed page that Kafka acknowledged
 */
public record SourceState(
        String etag,
        String lastModified,
        String bodySha256,
        Instant lastPollAt,
        Instant lastSuccessAt,
        int lastStatus,
        String lastError,
        Instant nextDueAt,
        int failures,
        int papers,
        Instant lastChangedAt) {

    /** A source never polled: due at once. */
    public static SourceState initial() {
        return new SourceState(null, null, null, null, null, 0, null, null, 0, -1, null);
    }

    /** Due when its time has come, never polled, or the clock went back behind the last poll. */
    public boolean isDue(Instant now) {
        return nextDueAt == null || !now.isBefore(nextDueAt) || (lastPollAt != null && now.isBefore(lastPollAt));
    }

    SourceState polled(Instant at, int status, String error, Instant nextDue, int failuresInARow) {
        return new SourceState(
                etag,
                lastModified,
                bodySha256,
                at,
                error == null ? at : lastSuccessAt,
                status,
                error,
                nextDue,
                failuresInARow,
                papers,
                lastChangedAt);
    }

    /** The state once the page polled at {@link #lastPollAt()} was published: its validators and hash. */
    SourceState withPage(String newEtag, String newLastModified, String newSha256) {
        return new SourceState(
                newEtag,
                newLastModified,
                newSha256,
                lastPollAt,
                lastSuccessAt,
                lastStatus,
                lastError,
                nextDueAt,
                failures,
                papers,
                lastPollAt);
    }

    /** The same state with the paper count of the page just published. */
    public SourceState withPapers(int count) {
        return new SourceState(
                etag,
                lastModified,
                bodySha256,
                lastPollAt,
                lastSuccessAt,
                lastStatus,
                lastError,
                nextDueAt,
                failures,
                count,
                lastChangedAt);
    }
}
