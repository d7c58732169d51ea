package dev.digestpipeline.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of './digest bench pipeline': every figure measured, and nothing of the run left on the stack. */
@ExtendWith(LocalStackExtension.class)
class PipelineBenchmarkIT {
    @Test
    void aSmallRunMeasuresEveryFigureAndLeavesNoTopicBehind(LocalStack stack, @TempDir Path dir) throws Exception {
        PipelineBenchmark benchmark = new PipelineBenchmark(
                stack,
                dir,
                new PipelineBenchmark.Plan(
                        300, 100, 100, 100, Duration.ofSeconds(4), true, PageGenerator.Topics.FOCUSED),
                line -> System.out.println("[bench] " + line));
        BenchmarkReport.Result result = benchmark.run();
        List<Figure> figures = result.figures();
        // the raw _bulk curve: 1, 2, 4 and 8 clients, and twice as many while it still rises
        List<String> curve = figures.stream()
                .map(Figure::what)
                .filter(what -> what.startsWith("raw _bulk, "))
                .toList();
        assertEquals(
                List.of(
                        BenchmarkReport.bulk(1),
                        BenchmarkReport.bulk(2),
                        BenchmarkReport.bulk(4),
                        BenchmarkReport.bulk(8)),
                curve.subList(0, 4));
        assertTrue(curve.size() <= 6, curve.toString());
        List<Figure> measured = figures.stream()
                .filter(f -> !f.what().startsWith("raw _bulk, "))
                .toList();
        assertEquals(
                List.of(
                        BenchmarkReport.PARSE,
                        BenchmarkReport.PRODUCER,
                        BenchmarkReport.COLD,
                        BenchmarkReport.ENRICH,
                        BenchmarkReport.PARSE_AGAIN,
                        BenchmarkReport.ENRICH,
                        BenchmarkReport.PARSE_AGAIN,
                        BenchmarkReport.ENRICH,
                        BenchmarkReport.PARSE_AGAIN,
                        BenchmarkReport.SINK,
                        BenchmarkReport.END_TO_END),
                measured.stream().map(Figure::what).toList());
        assertTrue(figures.stream().allMatch(f -> f.perSecond() > 0));
        // enrich takes the cold run's 100 papers, then rounds of 100 new ones until its compiler settles; the sink's
        // backlog holds them, but for the cold run's, which it indexed then
        assertEquals(0, result.enrichWarmUp() % 100);
        assertTrue(
                result.enrichWarmUp() >= 200 && result.enrichWarmUp() <= 100 * (1 + PipelineBenchmark.WARM_UP_ROUNDS));
        // the parse goes over the pages for 5 s, in whole passes
        assertEquals(0, figures.get(0).papers() % 300, figures.get(0).toString());
        assertTrue(
                figures.get(0).took().compareTo(PipelineBenchmark.PARSE_AT_LEAST) >= 0,
                figures.get(0).toString());
        assertEquals(0, measured.get(4).papers() % 300, measured.get(4).toString());
        assertEquals(
                List.of(300L, 100L, 300L, 300L, 300L, result.enrichWarmUp() + 900L - 100L, 300L),
                measured.stream()
                        .skip(1)
                        .filter(f -> !f.what().equals(BenchmarkReport.PARSE_AGAIN))
                        .map(Figure::papers)
                        .toList());
        assertEquals(20, result.latency().pages()); // 100 papers/s for 4 s, in pages of 20
        List<String> report = BenchmarkReport.report(result);
        assertTrue(report.get(1).startsWith("the papers: one subject each, as real papers, "), report.toString());
        assertTrue(result.tagsPerPaper() >= 1 && result.tagsPerPaper() <= 3, report.toString());
        assertTrue(report.get(report.size() - 9).startsWith("end to end / raw _bulk: "), report.toString());
        assertTrue(
                report.get(report.size() - 8).startsWith("raw _bulk by concurrent clients: 1 client "),
                report.toString());
        assertTrue(report.get(report.size() - 7).startsWith("end to end cold / warm: "), report.toString());
        assertTrue(report.get(report.size() - 6).startsWith("enrich / parse only, per core "), report.toString());
        assertTrue(report.get(report.size() - 5).startsWith(BenchmarkReport.ENRICH_THREADS), report.toString());
        assertTrue(report.get(report.size() - 4).startsWith("cold: enrich's CPU time by thread: "), report.toString());
        assertTrue(report.get(report.size() - 3).startsWith("cold: sink's CPU time by thread: "), report.toString());
        // every CPU-second of enrich alone is some thread's; a tick is 10 ms, and ended threads take theirs along
        assertTrue(
                result.enrichThreads().total().toMillis() > 0,
                result.enrichThreads().toString());
        // enrich ran under JFR, and the profile reads the samples of when enrich alone was measured
        assertTrue(Files.size(benchmark.recording()) > 0, benchmark.recording().toString());
        assertTrue(
                benchmark.enrichAlone().from().isBefore(benchmark.enrichAlone().to()));
        assertTrue(HotFrames.report(
                        benchmark.recording(),
                        3,
                        benchmark.enrichAlone().from(),
                        benchmark.enrichAlone().to())
                .get(0)
                .endsWith(" CPU samples; top methods by self time:"));
        // per core: the CPU time of the parse's JVM and of the enrich process were both counted
        assertTrue(measured.get(0).cpu().toNanos() > 0 && measured.get(3).cpu().toNanos() > 0, measured.toString());
        assertTrue(report.get(report.size() - 2).startsWith("trends settled "), report.toString());
        assertTrue(
                report.get(report.size() - 1).startsWith("fetch to searchable at 100 papers/s, 20 pages"),
                report.toString());
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            assertEquals(
                    List.of(),
                    admin.listTopics().names().get().stream()
                            .filter(t -> t.startsWith("bench-"))
                            .toList());
        }
    }
}
