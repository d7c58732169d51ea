package dev.digestpipeline.ingest.poll;

import dev.digestpipeline.common.settings.Durations;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One feed to poll: {@code KIND,URL[,every=DURATION]} on the command line or in the sources file, e.g.
 * {@code arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=30m}. Without {@code every}, a source is polled hourly,
 * and an arXiv feed or listing on arXiv's timetable ({@link #followsArxivTimetable()}).
 */
public record Source(SourceKind kind, URI url, Duration every, boolean everyGiven) {
    /** A source polled at the interval given, whatever its kind. */
    public Source(SourceKind kind, URI url, Duration every) {
        this(kind, url, every, true);
    }

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
        boolean given = option >= 0;
        if (given) {
            every = Durations.parse(url.substring(option + ",every=".length()));
            url = url.substring(0, option).strip();
        }
        if (url.isEmpty()) {
            throw new IllegalArgumentException("a source is KIND,URL[,every=DURATION], not '" + spec + "'");
        }
        return new Source(SourceKind.of(spec.substring(0, comma)), URI.create(url), every, given);
    }

    /**
     * The URLs to poll on this day: the daily papers API (with no date of its own) polls today and yesterday, since
     * papers are still added to a day after it ended; an arXiv API query starts at its first page (the loop pages
     * on); any other source polls its URL.
     */
    public List<Target> targets(LocalDate today) {
        if (kind == SourceKind.HF_DAILY_API && QueryParams.get(url, "date").isEmpty()) {
            return List.of(
                    new Target(this, QueryParams.with(url, "date", today.toString())),
                    new Target(
                            this,
                            QueryParams.with(url, "date", today.minusDays(1).toString())));
        }
        if (kind == SourceKind.ARXIV_API) {
            return List.of(new Target(this, ArxivApiPages.first(url)));
        }
        return List.of(Target.of(this));
    }

    /**
     * The source narrowed to one day, for a backfill: the daily papers API's list of that day ({@code date}), or an
     * arXiv API query's papers submitted that day ({@code submittedDate}, US Eastern as the API reads it).
     *
     * @throws IllegalArgumentException for a kind that has no days to walk
     */
    public Source forDay(LocalDate day) {
        if (kind == SourceKind.HF_DAILY_API) {
            return new Source(kind, QueryParams.with(url, "date", day.toString()), Duration.ofDays(1));
        }
        if (kind == SourceKind.ARXIV_API) {
            String query = QueryParams.get(url, "search_query")
                    .orElseThrow(() -> new IllegalArgumentException(
                            "an arXiv API source to backfill needs a search_query, not '" + url + "'"));
            String stamp = day.toString().replace("-", "");
            String dayQuery = "%28" + query + "%29+AND+submittedDate:%5B" + stamp + "0000+TO+" + stamp + "2359%5D";
            return new Source(kind, QueryParams.with(url, "search_query", dayQuery), Duration.ofDays(1));
        }
        throw new IllegalArgumentException("only hf-daily-api and arxiv-api sources have days to backfill, not "
                + kind.id() + " (a feed or a page shows only its latest state)");
    }

    /** The page to poll after this one of the source, when it has pages and this one came back full. */
    public Optional<URI> nextPage(URI page, int papers) {
        return kind == SourceKind.ARXIV_API ? ArxivApiPages.next(page, papers) : Optional.empty();
    }

    /**
     * Whether the source is polled on arXiv's timetable: an arXiv feed or listing with no interval of its own is
     * polled just after each daily rebuild, then at {@link #every()} until the update shows.
     */
    public boolean followsArxivTimetable() {
        return !everyGiven && (kind == SourceKind.ARXIV_RSS || kind == SourceKind.ARXIV_LISTING);
    }

    /** The source as {@link #parse} reads it back. */
    public String spec() {
        return everyGiven ? id() + ",every=" + Durations.format(every) : id();
    }

    /** The key of the source's state: its kind and URL. */
    public String id() {
        return kind.id() + "," + url;
    }
}
