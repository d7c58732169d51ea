package dev.digestpipeline.ingest.poll;

import dev.digestpipeline.ingest.fetch.FetchResult;
import dev.digestpipeline.ingest.fetch.RobotsTxt;
import dev.digestpipeline.ingest.fetch.UserAgent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each host's robots.txt, read in the host's turn and kept 6 h (an error 1 h), as StormCrawler does: 4xx allows
 * everything, 5xx or no answer disallows everything until it is read again.
 */
public final class RobotsRules {
    static final Duration KEEP = Duration.ofHours(6);
    static final Duration KEEP_ERROR = Duration.ofHours(1);

    private record Cached(RobotsTxt rules, Instant until, String why) {}

    /** Fetches a URL in its host's turn: after the host's gap, which then counts from the answer's end. */
    @FunctionalInterface
    public interface Fetch {
        FetchResult get(URI url) throws IOException, InterruptedException;
    }

    private final Fetch fetch;
    private final Clock clock;
    private final Map<String, Cached> byHost = new ConcurrentHashMap<>();

    /** Rules read with the fetch given, which waits its turn with the host's other requests. */
    public RobotsRules(Fetch fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /** The Crawl-delay the URL's host asked for in the robots.txt read last; zero when none or not read yet. */
    public Duration crawlDelay(URI url) {
        Cached cached = byHost.get(hostOf(url));
        return cached == null ? Duration.ZERO : cached.rules().crawlDelay();
    }

    private static String hostOf(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
    }

    /** Empty when we may fetch the URL, else why not. */
    public String refusal(URI url) throws InterruptedException {
        String host = hostOf(url);
        Instant now = clock.instant();
        Cached cached = byHost.get(host);
        if (cached == null || !now.isBefore(cached.until())) {
            cached = read(URI.create(host + "/robots.txt"), now);
            byHost.put(host, cached);
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String pathAndQuery = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        return cached.rules().allows(pathAndQuery) ? "" : cached.why();
    }

    private Cached read(URI robots, Instant now) throws InterruptedException {
        try {
            FetchResult answer = fetch.get(robots);
            if (answer.isOk()) {
                String text = new String(answer.body(), StandardCharsets.UTF_8);
                return new Cached(RobotsTxt.parse(text, UserAgent.PRODUCT), now.plus(KEEP), "disallowed by " + robots);
            }
            if (answer.status() / 100 == 4) {
                return new Cached(RobotsTxt.allowAll(), now.plus(KEEP), "");
            }
            return new Cached(
                    RobotsTxt.disallowAll(),
                    now.plus(KEEP_ERROR),
                    robots + " answered HTTP " + answer.status() + ": nothing fetched until it is read again");
        } catch (IOException e) {
            return new Cached(
                    RobotsTxt.disallowAll(),
                    now.plus(KEEP_ERROR),
                    robots + " could not be read (" + e.getMessage() + "): nothing fetched until it is read again");
        }
    }
}
