package dev.digestpipeline.ops.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.digestpipeline.sink.index.TrendDocument;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Papers per tag per day, from the trends index, for a range of days: what the trends chart draws. */
public final class TrendChart {
    /** Days shown when the range is not given: the last two weeks that have trends. */
    public static final int DEFAULT_DAYS = 14;
    /** The widest range: a year of days is already 366 points per line. */
    public static final int MAX_DAYS = 366;
    /** Lines drawn when the tags are not chosen: the tags with the most papers in the range. */
    public static final int DEFAULT_TAGS = 8;

    /** A range of days, both ends included, and the tags wanted (empty: the busiest). */
    public record Request(LocalDate from, LocalDate to, List<String> tags) {
        /** From the page's parameters; blank ends are filled in by {@link TrendChart#chart}. */
        public static Request parse(String from, String to, String tags) {
            LocalDate start = day("from", from);
            LocalDate end = day("to", to);
            if (start != null && end != null) {
                if (start.isAfter(end)) {
                    throw new IllegalArgumentException("from (" + start + ") is after to (" + end + ")");
                }
                if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                    throw new IllegalArgumentException(
                            "from " + start + " to " + end + " is more than " + MAX_DAYS + " days");
                }
            }
            List<String> wanted = tags == null || tags.isBlank()
                    ? List.of()
                    : List.of(tags.split(",", -1)).stream()
                            .map(String::strip)
                            .filter(t -> !t.isEmpty())
                            .toList();
            return new Request(start, end, wanted);
        }

        private static LocalDate day(String name, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " is a day as YYYY-MM-DD, not '" + value + "'", e);
            }
        }
    }

    /** One line: a tag's distinct papers on each day of the chart (0 for a day without a window). */
    public record Series(String tag, List<Integer> papers) {}

    public record Chart(LocalDate from, LocalDate to, List<String> days, List<Series> series, List<String> tags) {}

    private final ElasticsearchClient es;
    private final String alias;

    public TrendChart(ElasticsearchClient es, String alias) {
        this.es = es;
        this.alias = alias;
    }

    public Chart chart(Request request) throws IOException {
        LocalDate to = request.to() != null
                ? request.to()
                : request.from() != null
                        ? request.from().plusDays(DEFAULT_DAYS - 1)
                        : latestDay().orElse(LocalDate.now(ZoneOffset.UTC));
        LocalDate from = request.from() != null ? request.from() : to.minusDays(DEFAULT_DAYS - 1);
        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        Map<String, int[]> byTag = new HashMap<>();
        for (TrendDocument doc : windows(from, to)) {
            int index = days.indexOf(doc.windowStart().substring(0, 10));
            if (index >= 0) {
                byTag.computeIfAbsent(doc.tag(), t -> new int[days.size()])[index] = doc.distinctPapers();
            }
        }
        List<String> all = byTag.keySet().stream()
                .sorted(Comparator.comparingLong((String t) -> -sum(byTag.get(t)))
                        .thenComparing(t -> t))
                .toList();
        List<String> shown =
                request.tags().isEmpty() ? all.subList(0, Math.min(DEFAULT_TAGS, all.size())) : request.tags();
        List<Series> series = new ArrayList<>();
        for (String tag : shown) {
            int[] counts = byTag.getOrDefault(tag, new int[days.size()]);
            series.add(new Series(tag, java.util.Arrays.stream(counts).boxed().toList()));
        }
        return new Chart(from, to, days, series, all);
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }

    /** Day windows starting in the range; none while the trends index does not exist. */
    private List<TrendDocument> windows(LocalDate from, LocalDate to) throws IOException {
        return IndexReads.orNothingYet(
                List.of(),
                () -> es
                        .search(
                                s -> s.index(alias)
                                        .size(10_000)
                                        .query(q -> q.bool(b -> b.filter(
                                                        f -> f.term(t -> t.field(TrendDocument.GRANULARITY)
                                                                .value(TrendDocument.DAY)))
                                                .filter(f -> f.range(r -> r.date(d -> d.field(
                                                                TrendDocument.WINDOW_START)
                                                        .gte(from.toString())
                                                        .lt(to.plusDays(1).toString())))))),
                                TrendDocument.class)
                        .hits()
                        .hits()
                        .stream()
                        .map(Hit::source)
                        .toList());
    }

    private Optional<LocalDate> latestDay() throws IOException {
        return IndexReads.orNothingYet(
                Optional.empty(),
                () -> es
                        .search(
                                s -> s.index(alias)
                                        .size(1)
                                        .query(q -> q.term(t -> t.field(TrendDocument.GRANULARITY)
                                                .value(TrendDocument.DAY)))
                                        .sort(o -> o.field(f -> f.field(TrendDocument.WINDOW_START)
                                                .order(SortOrder.Desc))),
                                TrendDocument.class)
                        .hits()
                        .hits()
                        .stream()
                        .findFirst()
                        .map(h -> LocalDate.parse(h.source().windowStart().substring(0, 10))));
    }
}
