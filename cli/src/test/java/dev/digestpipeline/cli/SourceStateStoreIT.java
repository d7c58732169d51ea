package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStateStore;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The poller's state on the real broker and registry: what one run saves, the next run reads back. */
@ExtendWith(LocalStackExtension.class)
class SourceStateStoreIT {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static SourceState polled(String etag, int status, String error, int failures) {
        return new SourceState(etag, null, "sha-" + etag, T0, T0, status, error, T0.plusSeconds(600), failures, 12, T0);
    }

    @Test
    void aRestartedPollerReadsBackTheLastStateOfEverySource(LocalStack stack) throws Exception {
        String topic = "digest.sources.state." + UUID.randomUUID();
        String feed = "arxiv-rss,https://rss.arxiv.org/rss/cs.CL";
        String api = "hf-daily-api,https://huggingface.co/api/daily_papers";
        try (SourceStateStore run = new SourceStateStore(
                stack.bootstrapServers(),
                RegistryAccess.anonymous(stack.registryUrl()),
                topic,
                TopicLayout.DEFAULTS,
                Map.of())) {
            run.save(feed, polled("\"v1\"", 200, null, 0));
            run.save(api, polled("\"a\"", 429, "HTTP 429", 1));
            run.save(feed, polled("\"v2\"", 304, null, 0));
        }
        try (SourceStateStore restarted = new SourceStateStore(
                stack.bootstrapServers(),
                RegistryAccess.anonymous(stack.registryUrl()),
                topic,
                TopicLayout.DEFAULTS,
                Map.of())) {
            assertEquals(
                    Map.of(feed, polled("\"v2\"", 304, null, 0), api, polled("\"a\"", 429, "HTTP 429", 1)),
                    restarted.load());
        }
    }

    @Test
    void aPollerThatNeverRanReadsNoState(LocalStack stack) {
        String topic = "digest.sources.state." + UUID.randomUUID();
        try (SourceStateStore fresh = new SourceStateStore(
                stack.bootstrapServers(),
                RegistryAccess.anonymous(stack.registryUrl()),
                topic,
                TopicLayout.DEFAULTS,
                Map.of())) {
            assertEquals(Map.of(), fresh.load());
        }
    }
}
