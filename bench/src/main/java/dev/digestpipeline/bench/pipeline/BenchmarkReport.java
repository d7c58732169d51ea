package dev.digestpipeline.bench.pipeline;

import dev.digestpipeline.bench.PageGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What 'bench pipeline' prints: each figure by the name it was measured under, and the ratios the goals are set
 * for (end to end against raw {@code _bulk}, enrich against the parse per core, cold against warm).
 */
final class BenchmarkReport {
    private BenchmarkReport() {}

    static final String PARSE = "parse only, one core";
    static final String PARSE_AGAIN = "parse only, one core, again after enrich";
    private static final String BULK_PREFIX = "raw _bulk, ";
    static final String BULK = bulk(1);
    static final String COLD = "end to end, cold (a fresh enrich and sink)";
    static final String COLD_THREADS = "cold: %s's CPU time by thread: ";
    static final String PRODUCER = "producer";
    static final String ENRICH = "enrich alone (publish to merged papers out)";
    static final String ENRICH_THREADS = "enrich alone's CPU time by thread: ";
    static final String SINK = "sink alone (backlog to searchable)";
    static final String END_TO_END = "end to end (first publish to last searchable)";

    /**
     * The papers that warmed up, what the measured ones are about and their tags per paper (each tag one record on
     * the by-tag topic), the figures in the order measured, the time trends took to settle after the last paper, and
     * the latency.
     */
    record Result(
            int warmUp,
            int enrichWarmUp,
            PageGenerator.Topics topics,
            double tagsPerPaper,
            List<Figure> figures,
            ThreadCpu enrichThreads,
            Map<String, ThreadCpu> coldThreads,
            Duration trendsSettled,
            Latency latency) {}

    /** The label of the raw {@code _bulk} figure with that many clients. */
    static String bulk(int clients) {
        return BULK_PREFIX + clients + (clients == 1 ? " client" : " clients");
    }

    /** The figures, the trends and the latency, and the ratios the issue sets goals for, as printed lines. */
    static List<String> report(Result result) {
        List<String> lines = new ArrayList<>();
        lines.add("after a warm-up of " + result.warmUp() + " other papers through the parse and "
                + result.enrichWarmUp() + " through enrich:");
        lines.add(String.format(
                Locale.ROOT,
                "the papers: %s, %.2f tags each (one digest.papers.by-tag record per tag)",
                result.topics() == PageGenerator.Topics.FOCUSED
                        ? "one subject each, as real papers"
                        : "every subject in each (--mixed-topics)",
                result.tagsPerPaper()));
        lines.addAll(report(result.figures()));
        lines.add(ENRICH_THREADS + result.enrichThreads().describe());
        result.coldThreads()
                .forEach((app, cpu) -> lines.add(String.format(Locale.ROOT, COLD_THREADS, app) + cpu.describe()));
        lines.add(String.format(
                Locale.ROOT,
                "trends settled %.2f s after the last paper was searchable (goal <= 10 s)",
                result.trendsSettled().toNanos() / 1e9));
        Latency l = result.latency();
        lines.add(String.format(
                Locale.ROOT,
                "fetch to searchable at %d papers/s, %d pages of %d: p50 %.2f s, p99 %.2f s (goal <= 2 s), max %.2f s",
                l.rate(),
                l.pages(),
                l.perPage(),
                l.p50().toNanos() / 1e9,
                l.p99().toNanos() / 1e9,
                l.max().toNanos() / 1e9));
        return lines;
    }

    /** The figures and the ratios between them, as printed lines. */
    static List<String> report(List<Figure> figures) {
        List<String> lines = new ArrayList<>();
        for (Figure f : figures) {
            lines.add(String.format(
                            Locale.ROOT,
                            "%-48s %8d papers in %7.2f s = %9.0f papers/s",
                            f.what(),
                            f.papers(),
                            f.took().toNanos() / 1e9,
                            f.perSecond())
                    + (f.cpu().isZero()
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; %.2f CPU-s = %.0f papers per CPU-second",
                                    f.cpu().toNanos() / 1e9,
                                    f.perCpuSecond())));
        }
        Figure bulk = first(figures, BULK);
        Figure endToEnd = first(figures, END_TO_END);
        List<Double> rounds = new ArrayList<>();
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        Figure enriches = null;
        Figure parses = null;
        double fastestEnrich = 0;
        double fastestParse = 0;
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            if (isParse(f)) {
                parses = parses == null ? f : pooled(parses, f);
                fastestParse = Math.max(fastestParse, f.perCpuSecond());
            } else if (f.what().equals(ENRICH)) {
                enriches = enriches == null ? f : pooled(enriches, f);
                fastestEnrich = Math.max(fastestEnrich, f.perCpuSecond());
                Figure around = null;
                for (Figure parse : neighbourParses(figures, i)) {
                    around = around == null ? parse : pooled(around, parse);
                    lowest = Math.min(lowest, f.perCpuSecond() / parse.perCpuSecond());
                    highest = Math.max(highest, f.perCpuSecond() / parse.perCpuSecond());
                }
                if (around != null) {
                    rounds.add(f.perCpuSecond() / around.perCpuSecond());
                }
            }
        }
        if (bulk != null && endToEnd != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "end to end / raw _bulk: %.2f (goal >= 0.5)",
                    endToEnd.perSecond() / bulk.perSecond()));
        }
        List<Figure> curve =
                figures.stream().filter(f -> f.what().startsWith(BULK_PREFIX)).toList();
        if (curve.size() > 1 && endToEnd != null) {
            Figure most = curve.stream()
                    .max(Comparator.comparingDouble(Figure::perSecond))
                    .orElseThrow();
            lines.add(String.format(
                    Locale.ROOT,
                    "raw _bulk by concurrent clients: %s papers/s; end to end / the most of them (%s): %.2f",
                    curve.stream()
                            .map(f -> String.format(
                                    Locale.ROOT, "%s %.0f", f.what().substring(BULK_PREFIX.length()), f.perSecond()))
                            .collect(Collectors.joining(", ")),
                    most.what().substring(BULK_PREFIX.length()),
                    endToEnd.perSecond() / most.perSecond()));
        }
        Figure cold = first(figures, COLD);
        if (cold != null && endToEnd != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "end to end cold / warm: %.2f (%d papers through a fresh enrich and sink at %.0f papers/s,"
                            + " against %.0f once warm)",
                    cold.perSecond() / endToEnd.perSecond(),
                    cold.papers(),
                    cold.perSecond(),
                    endToEnd.perSecond()));
        }
        if (!rounds.isEmpty()) {
            List<String> each = rounds.stream()
                    .map(r -> String.format(Locale.ROOT, "%.2f", r))
                    .toList();
            // a shared machine only ever slows work down: the fastest measurement of each is the closest to its cost
            lines.add(String.format(
                            Locale.ROOT,
                            "enrich / parse only, per core (papers per CPU-second of each process): %.2f (goal >= 0.25)",
                            fastestEnrich / fastestParse)
                    + (lowest == highest
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", the fastest round of enrich against the fastest parse; each round against the"
                                            + " parse just before and after it: %s (median %.2f); against any one"
                                            + " parse %.2f to %.2f",
                                    String.join(", ", each),
                                    median(rounds),
                                    lowest,
                                    highest))
                    + String.format(Locale.ROOT, "; by the clock: %.2f", enriches.perSecond() / parses.perSecond()));
        }
        return lines;
    }

    private static boolean isParse(Figure f) {
        return f.what().equals(PARSE) || f.what().equals(PARSE_AGAIN);
    }

    /** The parse measured just before and just after the figure at {@code index}, those there are. */
    private static List<Figure> neighbourParses(List<Figure> figures, int index) {
        List<Figure> around = new ArrayList<>();
        for (int i = index - 1; i >= 0; i--) {
            if (isParse(figures.get(i))) {
                around.add(figures.get(i));
                break;
            }
        }
        for (int i = index + 1; i < figures.size(); i++) {
            if (isParse(figures.get(i))) {
                around.add(figures.get(i));
                break;
            }
        }
        return around;
    }

    private static Figure first(List<Figure> figures, String what) {
        return figures.stream().filter(f -> f.what().equals(what)).findFirst().orElse(null);
    }

    /** The middle value, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Two measurements of one thing as one: their papers, times and CPU times added up. */
    private static Figure pooled(Figure a, Figure b) {
        return new Figure(
                a.what(),
                a.papers() + b.papers(),
                a.took().plus(b.took()),
                a.cpu().plus(b.cpu()));
    }
}
