package dev.digestpipeline.ingest.poll;

import dev.digestpipeline.common.settings.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * One feed to poll: {@code KIND,URL[,every=DURATION]} on the command line or in the sources file, e.g.
 * {@code arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=30m}.
 */
public record Source(SourceKind kind, URI url, Duration every) {
    public Source {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("a source's URL is an http(s) URL, not '" + url + "'");
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a source's interval is positive, not " + every);
        }
    }

    public static Source parse(String spec) {
        String[] parts = spec.split(",", -1);
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException("a source is KIND,URL[,every=DURATION], not '" + spec + "'");
        }
        Duration every = SourceKind.DEFAULT_EVERY;
        for (int i = 2; i < parts.length; i++) {
            String option = parts[i].strip();
            if (option.startsWith("every=")) {
                every = Durations.parse(option.substring("every=".length()));
            } else {
                throw new IllegalArgumentException("unknown source option '" + option + "' in '" + spec + "'");
            }
        }
        return new Source(SourceKind.of(parts[0]), URI.create(parts[1].strip()), every);
    }

    /** The key of the source's state: its kind and URL. */
    public String id() {
        return kind.id() + "," + url;
    }
}
