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

    /** Reads {@code KIND,URL[,every=DURATION]}; the URL may hold commas (arXiv's {@code id_list} does). */
    public static Source parse(String spec) {
        int comma = spec.indexOf(',');
        String url = comma < 0 ? "" : spec.substring(comma + 1).strip();
        Duration every = SourceKind.DEFAULT_EVERY;
        int option = url.lastIndexOf(",every=");
        if (option >= 0) {
            every = Durations.parse(url.substring(option + ",every=".length()));
            url = url.substring(0, option).strip();
        }
        if (url.isEmpty()) {
            throw new IllegalArgumentException("a source is KIND,URL[,every=DURATION], not '" + spec + "'");
        }
        return new Source(SourceKind.of(spec.substring(0, comma)), URI.create(url), every);
    }

    /** The source as {@link #parse} reads it back. */
    public String spec() {
        return id() + ",every=" + Durations.format(every);
    }

    /** The key of the source's state: its kind and URL. */
    public String id() {
        return kind.id() + "," + url;
    }
}
