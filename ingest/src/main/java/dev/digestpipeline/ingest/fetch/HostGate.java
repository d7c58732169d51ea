package dev.digestpipeline.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The minimum gap between two requests to one host: 3 s for arXiv's hosts (their API's terms), 1 s elsewhere
 * (StormCrawler's default), both configurable. Safe to share between the poller's threads, one per host queue.
 */
public final class HostGate {
    private final Duration arxivGap;
    private final Duration otherGap;
    private final Map<String, Instant> lastRequest = new ConcurrentHashMap<>();

    public HostGate(Duration arxivGap, Duration otherGap) {
        this.arxivGap = arxivGap;
        this.otherGap = otherGap;
    }

    public Duration gapFor(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("arxiv.org") || h.endsWith(".arxiv.org") ? arxivGap : otherGap;
    }

    /**
     * How long a request to this URL's host must still wait at {@code now}; zero when it may go. The gap counts
     * from the end of the host's last answer, as StormCrawler's does: a slow answer does not shorten it.
     */
    public Duration waitBefore(URI uri, Instant now) {
        Instant last = lastRequest.get(key(uri));
        if (last == null) {
            return Duration.ZERO;
        }
        Instant allowed = last.plus(gapFor(uri.getHost()));
        return allowed.isAfter(now) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** A request to this URL's host ended (answered or failed) at {@code at}. */
    public void done(URI uri, Instant at) {
        lastRequest.put(key(uri), at);
    }

    private static String key(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }
}
