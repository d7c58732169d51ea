package dev.digestpipeline.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.bench.PageGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkTest {
    private static final List<Duration> HUNDRED =
            IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();

    @Test
    void percentileIsTheNearestRank() {
        assertEquals(Duration.ofMillis(50), LatencyRun.percentile(HUNDRED, 50));
        assertEquals(Duration.ofMillis(99), LatencyRun.percentile(HUNDRED, 99));
    }

    @Test
    void percentileOfOneTimeIsThatTime() {
        assertEquals(Duration.ofMillis(7), LatencyRun.percentile(List.of(Duration.ofMillis(7)), 99));
    }

    @Test
    void aFigureMeasuredPerCoreSaysItsCpuTime() {
        assertEquals(
                List.of("enrich alone (publish to merged papers out)          1000 papers in    0.20 s =      5000 "
                        + "papers/s; 0.32 CPU-s = 3125 papers per CPU-second"),
                BenchmarkReport.report(List.of(
                        new Figure(BenchmarkReport.ENRICH, 1000, Duration.ofMillis(200), Duration.ofMillis(320)))));
    }

    @Test
    void enrichPerCoreIsSetAgainstTheFasterParseAndAgainstBothPooled() {
        List<String> report = BenchmarkReport.report(List.of(
                new Figure(BenchmarkReport.PARSE, 1000, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Figure(BenchmarkReport.BULK, 1000, Duration.ofMillis(500)),
                new Figure(BenchmarkReport.ENRICH, 1000, Duration.ofMillis(200), Duration.ofMillis(320)),
                new Figure(BenchmarkReport.PARSE_AGAIN, 1000, Duration.ofMillis(300), Duration.ofMillis(300)),
                new Figure(BenchmarkReport.END_TO_END, 1000, Duration.ofSeconds(1))));
        assertEquals(
                "enrich / parse only, per core (papers per CPU-second of each process): 0.31 (goal >= 0.25), the "
                        + "fastest round of enrich against the fastest parse; each round against the parse just before"
                        + " and after it: 0.63 (median 0.63); against any one parse 0.31 to 0.94; by the clock: 1.00",
                report.get(6));
    }

    @Test
    void enrichPerCoreIsItsFastestRoundAgainstTheFastestParseAndEachRoundAgainstTheParsesAroundIt() {
        List<String> report = BenchmarkReport.report(List.of(
                thousandPapers(BenchmarkReport.PARSE, 100, 100),
                thousandPapers(BenchmarkReport.ENRICH, 400, 400),
                thousandPapers(BenchmarkReport.PARSE_AGAIN, 100, 100),
                thousandPapers(BenchmarkReport.ENRICH, 400, 500),
                thousandPapers(BenchmarkReport.PARSE_AGAIN, 300, 300),
                thousandPapers(BenchmarkReport.ENRICH, 400, 1000),
                thousandPapers(BenchmarkReport.PARSE_AGAIN, 300, 300)));
        // papers per CPU-ms: fastest 2.5 / 10; rounds 2.5 / 10, 2 / 5 and 1 / 3.33 (pooled parses); one parse 2 / 10 to
        // 2 / 3.33
        assertEquals(
                "enrich / parse only, per core (papers per CPU-second of each process): 0.25 (goal >= 0.25), the "
                        + "fastest round of enrich against the fastest parse; each round against the parse just before"
                        + " and after it: 0.25, 0.40, 0.30 (median 0.30); against any one parse 0.20 to 0.60; by the "
                        + "clock: 0.50",
                report.get(report.size() - 1));
    }

    @Test
    void theMedianOfAnEvenNumberIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, BenchmarkReport.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(3.0, BenchmarkReport.median(List.of(5.0, 3.0, 1.0)));
    }

    @Test
    void reportSaysTheWarmUpThenEndsWithTheRatiosTheTrendsAndTheLatency() {
        List<Figure> figures = List.of(
                new Figure(BenchmarkReport.PARSE, 1000, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Figure(BenchmarkReport.BULK, 1000, Duration.ofMillis(500)),
                new Figure(BenchmarkReport.ENRICH, 1000, Duration.ofMillis(200), Duration.ofMillis(320)),
                new Figure(BenchmarkReport.END_TO_END, 1000, Duration.ofSeconds(1)));
        List<String> report = BenchmarkReport.report(new BenchmarkReport.Result(
                20000,
                60000,
                PageGenerator.Topics.FOCUSED,
                2.354,
                figures,
                new ThreadCpu(Map.of(
                        ThreadCpu.Kind.WORK, Duration.ofSeconds(2),
                        ThreadCpu.Kind.PRODUCER_IO, Duration.ofSeconds(1),
                        ThreadCpu.Kind.JIT, Duration.ofMillis(400),
                        ThreadCpu.Kind.GC, Duration.ofMillis(600))),
                Map.of(
                        "sink",
                        new ThreadCpu(Map.of(
                                ThreadCpu.Kind.WORK,
                                Duration.ofSeconds(1),
                                ThreadCpu.Kind.JIT,
                                Duration.ofSeconds(1)))),
                Duration.ofMillis(1500),
                new Latency(500, 750, 20, Duration.ofMillis(800), Duration.ofMillis(1900), Duration.ofMillis(2100))));
        assertEquals(
                List.of(
                        "end to end / raw _bulk: 0.50 (goal >= 0.5)",
                        "enrich / parse only, per core (papers per CPU-second of each process): 0.31 (goal >= 0.25); "
                                + "by the clock: 0.50",
                        "enrich alone's CPU time by thread: the work (stream threads and the rest) 2.00 CPU-s (50 %),"
                                + " Kafka producer I/O 1.00 CPU-s (25 %), JIT compiler 0.40 CPU-s (10 %), garbage"
                                + " collector 0.60 CPU-s (15 %)",
                        "cold: sink's CPU time by thread: the work (stream threads and the rest) 1.00 CPU-s (50 %),"
                                + " Kafka producer I/O 0.00 CPU-s (0 %), JIT compiler 1.00 CPU-s (50 %), garbage"
                                + " collector 0.00 CPU-s (0 %)",
                        "trends settled 1.50 s after the last paper was searchable (goal <= 10 s)",
                        "fetch to searchable at 500 papers/s, 750 pages of 20: p50 0.80 s, p99 1.90 s (goal <= 2 s), "
                                + "max 2.10 s"),
                report.subList(6, 12));
        assertEquals(
                List.of(
                        "after a warm-up of 20000 other papers through the parse and 60000 through enrich:",
                        "the papers: one subject each, as real papers, 2.35 tags each (one digest.papers.by-tag record"
                                + " per tag)"),
                report.subList(0, 2));
    }

    @Test
    void theBulkCurveSaysEachClientCountAndEndToEndAgainstItsHighest() {
        List<String> report = BenchmarkReport.report(List.of(
                new Figure(BenchmarkReport.bulk(1), 1000, Duration.ofMillis(500)),
                new Figure(BenchmarkReport.bulk(2), 1000, Duration.ofMillis(250)),
                new Figure(BenchmarkReport.bulk(4), 1000, Duration.ofMillis(200)),
                new Figure(BenchmarkReport.bulk(8), 1000, Duration.ofMillis(250)),
                new Figure(BenchmarkReport.END_TO_END, 1000, Duration.ofSeconds(1))));
        assertEquals(
                List.of(
                        "end to end / raw _bulk: 0.50 (goal >= 0.5)",
                        "raw _bulk by concurrent clients: 1 client 2000, 2 clients 4000, 4 clients 5000, 8 clients"
                                + " 4000 papers/s; end to end / the most of them (4 clients): 0.20"),
                report.subList(5, 7));
    }

    @Test
    void theColdRunIsSetAgainstTheWarmEndToEnd() {
        List<String> report = BenchmarkReport.report(List.of(
                new Figure(BenchmarkReport.COLD, 2000, Duration.ofSeconds(4)),
                new Figure(BenchmarkReport.END_TO_END, 1000, Duration.ofSeconds(1))));
        assertEquals(
                "end to end cold / warm: 0.50 (2000 papers through a fresh enrich and sink at 500 papers/s, against"
                        + " 1000 once warm)",
                report.get(2));
    }

    private static Figure thousandPapers(String what, long millis, long cpuMillis) {
        return new Figure(what, 1000, Duration.ofMillis(millis), Duration.ofMillis(cpuMillis));
    }
}
