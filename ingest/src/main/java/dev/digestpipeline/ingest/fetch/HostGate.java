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
    /** The longest Crawl-delay of a robots.txt that is honoured. */
    public static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(30);

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
        return waitBefore(uri, now, Duration.ZERO);
    }

    /**
     * The same, when the host's robots.txt asks for a Crawl-delay: the longer of the two gaps, the Crawl-delay
     * counting up to {@link #MAX_CRAWL_DELAY} (StormCrawler's cap), so that a site cannot stall a poller for hours.
     */
    public Duration waitBefore(URI uri, Instant now, Duration crawlDelay) {
        Instant last = lastRequest.get(key(uri));
        if (last == null) {
            return Duration.ZERO;
        }
        Duration asked = crawlDelay.compareTo(MAX_CRAWL_DELAY) > 0 ? MAX_CRAWL_DELAY : crawlDelay;
        Duration gap = gapFor(uri.getHost());
        Instant allowed = last.plus(asked.compareTo(gap) > 0 ? asked : gap);
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
