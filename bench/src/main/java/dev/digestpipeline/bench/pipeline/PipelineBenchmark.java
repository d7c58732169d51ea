package dev.digestpipeline.bench.pipeline;

import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.enrich.EnrichApp;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pipeline benchmark: on the running local stack, with topics, consumer groups and indices of the run's own,
 * it measures side by side, for the same generated arXiv Atom pages of distinct papers:
 *
 * <ol>
 *   <li>parse only: the enrich code (parse, extract, tag) in this JVM on one core, over the pages again and again
 *       for {@link #PARSE_AT_LEAST};
 *   <li>the raw {@code _bulk} ceiling: the same papers' documents bulk-indexed with 1, 2, 4 and 8 concurrent
 *       clients, and more while that still rises ({@link RawBulk#BULK_CLIENTS_AT_MOST});
 *   <li>the producer ceiling: the pages published to a topic;
 *   <li>enrich alone: pages published to enrich running by itself, until every merged paper is out, in
 *       {@link #ENRICH_ROUNDS} rounds of new papers, each followed by the parse again;
 *   <li>the sink alone: the sink started on that backlog, until every paper is searchable;
 *   <li>end to end: as many new papers through both, from the first publish to the last paper searchable.
 * </ol>
 *
 * First, what a user's first backfill sees: {@link Plan#warmUp()} papers through a freshly started enrich and sink,
 * from the first publish to the last searchable ({@link BenchmarkReport#COLD}), with each app's CPU time by thread.
 *
 * <p>Before the other figures, {@link Plan#warmUp()} other papers go through the parse and through enrich (again, with new
 * papers, until its JIT compiler has settled: {@link #WARM_UP_ROUNDS}), uncounted: both sides are measured warm
 * (compiled, and enrich past its first rebalance and transactions), so that the per-core ratio compares steady work
 * and not how much of each side's start a run happened to include.
 *
 * <p>Figures on a shared machine are noisy; the ratios measured in one run are what compare.
 */
final class PipelineBenchmark {

    /**
     * Enrich is warmed up with {@link Plan#warmUp()} new papers at a time, up to this many times, until the JIT
     * compiler's share of its CPU time falls to {@link #SETTLED_JIT_SHARE}: with 20,000 papers once, the compiler
     * still took 40 % of the time of the 20,000 papers measured next; stopped at 10 %, it still took 8 to 12 % of
     * the measured papers' time, and much of the work ran in code compiled for profiling only.
     */
    static final int WARM_UP_ROUNDS = 16;

    static final int SETTLED_JIT_PERCENT = 5;

    static final double SETTLED_JIT_SHARE = SETTLED_JIT_PERCENT / 100.0;

    /**
     * Enrich alone is measured this many times, each with new papers and followed by the parse again, since on the
     * development machine one measurement of the parse gave 12,403 papers per CPU-second and the next, a minute
     * later, 20,374: the per-core ratio is enrich's fastest round against the fastest parse (other work on the
     * machine only slows either down), and each round's ratio against the parse just before and after it is
     * printed too, with their median.
     */
    static final int ENRICH_ROUNDS = 3;

    /** The parse is warmed up by passes over the warm-up pages, at most this many, until its compiler settles too. */
    static final int PARSE_WARM_UP_PASSES = 20;

    /** The parse-only figure parses the pages again and again for at least this long. */
    static final Duration PARSE_AT_LEAST = Duration.ofSeconds(5);

    /**
     * What a run measures: how many papers, in pages of how many, how many papers warm the parse and enrich up
     * first, the rate and length of the latency run, whether enrich is profiled, and what the papers are about
     * ({@link PageGenerator.Topics#FOCUSED}: as many tags as real papers; {@code MIXED}: about seven each).
     */
    record Plan(
            int papers,
            int perPage,
            int warmUp,
            int rate,
            Duration latencyFor,
            boolean profile,
            PageGenerator.Topics topics) {}

    /** From when to when. */
    record Window(Instant from, Instant to) {}

    private final LocalStack stack;
    private final Path dir;
    private final Plan plan;
    private final Consumer<String> say;
    private final String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    private final BenchStack bench;
    /**
     * The enrich code the parse-only figures run, its tagger loaded once as EnrichBenchmark's {@code @Setup} does:
     * built for every pass, the 2.6 MB model was read again inside the timed loop.
     */
    private final PageEnricher enricher = new PageEnricher(TopicTagger.bundled(), Clock.systemUTC());

    private Window enrichAlone = new Window(Instant.MIN, Instant.MAX);

    /**
     * With {@link Plan#profile()}, enrich runs under JFR and {@link #recording()} holds its samples after the run;
     * {@link #enrichAlone()} is when the measured papers went through.
     */
    PipelineBenchmark(LocalStack stack, Path dir, Plan plan, Consumer<String> say) {
        this.plan = plan;
        this.stack = stack;
        this.dir = dir;
        this.say = say;
        this.bench = new BenchStack(stack, run, say);
    }

    /** Runs every measurement. */
    BenchmarkReport.Result run() throws Exception {
        int warmUp = plan.warmUp();
        List<RawPage> warmUpPages = pages(0, warmUp);
        // the papers after the cold run and every warm-up round enrich may need
        int measured = (1 + WARM_UP_ROUNDS) * warmUp;
        List<RawPage> first = pages(measured, plan.papers());
        // after the rounds of enrich alone, each of new papers
        int endToEndFrom = measured + ENRICH_ROUNDS * plan.papers();
        List<RawPage> second = pages(endToEndFrom, plan.papers());
        List<Figure> figures = new ArrayList<>();
        int warmedUp = 0;
        ThreadCpu enrichThreads;
        Map<String, ThreadCpu> coldThreads = new LinkedHashMap<>();
        Duration trendsSettled;
        Latency latency;
        double tagsPerPaper;
        AppProcesses apps = new AppProcesses(Checkout.home(), Files.createDirectories(dir.resolve(run)));
        Map<String, String> enrichEnv =
                bench.enrichSettings(dir.resolve(run).resolve("enrich-state"), plan.profile() ? recording() : null);
        Map<String, String> sinkEnv = bench.sinkSettings();
        try (PipelineProbe probe = new PipelineProbe(
                stack.bootstrapServers(),
                stack.registryUrl(),
                stack.elasticsearchUrl(),
                run + "-papers",
                run + "-trends")) {
            say.accept("warming the parse up with " + warmUp + " papers...");
            List<Paper> warmUpPapers = parse(warmUpPages);
            long self = ProcessHandle.current().pid();
            double parseJit = 1;
            int passes = 1;
            while (parseJit > SETTLED_JIT_SHARE && passes < PARSE_WARM_UP_PASSES) {
                parseJit = jitShare(self, () -> parse(warmUpPages, paper -> {}));
                passes++;
            }
            say.accept(String.format(
                    Locale.ROOT, "  the JIT compiler took %.0f %% of pass %d's CPU time", 100 * parseJit, passes));
            // timed without keeping the papers: holding 100,000 of them would time the collector, not the parse; and
            // over and over for a while, as JMH does, since one pass of 20,000 papers lasts about a second
            figures.add(measureParse(BenchmarkReport.PARSE, first));
            List<Paper> parsed = parse(first);
            long parsedTags = tagsOf(parsed);
            tagsPerPaper = parsedTags / (double) parsed.size();
            figures.addAll(bulkCurve(new RawBulk(stack.elasticsearchUrl(), run), parsed));
            String producerTopic = run + ".producer";
            bench.createTopic(producerTopic);
            figures.add(measure(BenchmarkReport.PRODUCER, plan.papers(), () -> bench.publish(producerTopic, first)));

            EnrichApp.createTopics(
                    EnrichConfig.of(enrichEnv), Taxonomy.bundled().areaNames());
            say.accept(apps.start(AppProcesses.ENRICH, stack, List.of(), enrichEnv));
            apps.awaitLog(AppProcesses.ENRICH, "-> RUNNING", Duration.ofMinutes(2));
            String pagesTopic = enrichEnv.get(EnrichConfig.TOPIC_SETTINGS.get(0).envName());
            long enrichPid = apps.runningPid(AppProcesses.ENRICH).orElseThrow();
            // cold: the warm-up's first papers through both apps just started, as a user's first backfill goes
            say.accept(apps.start(AppProcesses.SINK, stack, List.of(), sinkEnv));
            long sinkPid = apps.runningPid(AppProcesses.SINK).orElseThrow();
            ThreadCpu enrichCold = ThreadCpu.of(enrichPid);
            ThreadCpu sinkCold = ThreadCpu.of(sinkPid);
            figures.add(measure(BenchmarkReport.COLD, warmUp, () -> {
                bench.publish(pagesTopic, warmUpPages);
                awaitIndexed(probe, warmUp);
            }));
            coldThreads.put(AppProcesses.ENRICH.name(), ThreadCpu.of(enrichPid).minus(enrichCold));
            coldThreads.put(AppProcesses.SINK.name(), ThreadCpu.of(sinkPid).minus(sinkCold));
            coldThreads.forEach((app, cpu) ->
                    say.accept(String.format(Locale.ROOT, BenchmarkReport.COLD_THREADS, app) + cpu.describe()));
            // enrich alone from here: the sink comes back for its backlog
            apps.stop(AppProcesses.SINK);
            warmedUp += warmUp;
            long warmUpTags = tagsOf(warmUpPapers);
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                List<RawPage> pages = pages(warmedUp, warmUp);
                say.accept("warming enrich up with " + warmUp + " papers, round " + round + "...");
                double jit = jitShare(enrichPid, () -> {
                    bench.publish(pagesTopic, pages);
                    probe.awaitEnrichCaughtUp(run + "-enrich", pagesTopic, Duration.ofMinutes(30), say);
                });
                warmedUp += warmUp;
                warmUpTags += tagsOf(parse(pages));
                say.accept(
                        String.format(Locale.ROOT, "  the JIT compiler took %.0f %% of enrich's CPU time", 100 * jit));
                // as JMH's warm-up iterations: measured once the compiler is done with what the work runs
                if (jit <= SETTLED_JIT_SHARE) {
                    break;
                }
            }
            // in rounds, each followed by the parse again: see ENRICH_ROUNDS
            ThreadCpu enrichBefore = ThreadCpu.of(enrichPid);
            Instant enrichFrom = Instant.now();
            long roundTags = 0;
            for (int round = 1; round <= ENRICH_ROUNDS; round++) {
                List<RawPage> pages = round == 1 ? first : pages(measured + (round - 1) * plan.papers(), plan.papers());
                roundTags += round == 1 ? 0 : tagsOf(parse(pages));
                figures.add(measure(BenchmarkReport.ENRICH, plan.papers(), () -> cpuOf(enrichPid), () -> {
                    bench.publish(pagesTopic, pages);
                    probe.awaitEnrichCaughtUp(run + "-enrich", pagesTopic, Duration.ofMinutes(30), say);
                }));
                figures.add(measureParse(BenchmarkReport.PARSE_AGAIN, first));
            }
            enrichThreads = ThreadCpu.of(enrichPid).minus(enrichBefore);
            enrichAlone = new Window(enrichFrom, Instant.now());
            say.accept(BenchmarkReport.ENRICH_THREADS + enrichThreads.describe());

            // the sink's backlog holds the warm-up's papers too, but for the cold run's, which it indexed then
            long backlog = warmedUp + (long) ENRICH_ROUNDS * plan.papers();
            figures.add(measure(BenchmarkReport.SINK, backlog - warmUp, () -> {
                say.accept(apps.start(AppProcesses.SINK, stack, List.of(), sinkEnv));
                awaitIndexed(probe, backlog);
            }));
            figures.add(measure(BenchmarkReport.END_TO_END, plan.papers(), () -> {
                bench.publish(pagesTopic, second);
                awaitIndexed(probe, backlog + plan.papers());
            }));
            long tagged = warmUpTags + parsedTags + roundTags + tagsOf(parse(second));
            trendsSettled = awaitTrends(probe, tagged);
            latency = new LatencyRun(bench, say)
                    .measure(
                            probe,
                            pagesTopic,
                            endToEndFrom + plan.papers(),
                            plan.rate(),
                            plan.latencyFor(),
                            plan.topics());
        } finally {
            apps.stopAll();
            bench.cleanUp();
        }
        return new BenchmarkReport.Result(
                warmUp,
                warmedUp,
                plan.topics(),
                tagsPerPaper,
                figures,
                enrichThreads,
                coldThreads,
                trendsSettled,
                latency);
    }

    /**
     * The parse alone, over the pages again and again for at least {@link #PARSE_AT_LEAST}, as JMH does (one pass
     * of 20,000 papers lasts about a second), and without keeping the papers: holding 100,000 of them would time
     * the collector, not the parse.
     */
    private Figure measureParse(String what, List<RawPage> pages) throws Exception {
        return measureCounted(what, PipelineBenchmark::ownCpu, () -> {
            long papers = 0;
            long start = System.nanoTime();
            do {
                parse(pages, paper -> {});
                papers += plan.papers();
            } while (System.nanoTime() - start < PARSE_AT_LEAST.toNanos());
            return papers;
        });
    }

    /** When enrich alone was measured: the part of {@link #recording()} that the profile reports. */
    Window enrichAlone() {
        return enrichAlone;
    }

    /** Where enrich's JFR recording is written when the run profiles it. */
    Path recording() {
        return dir.resolve(run).resolve("enrich.jfr");
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The JIT compiler's share of the process's CPU time while the work ran. */
    private static double jitShare(long pid, Work work) throws Exception {
        ThreadCpu before = ThreadCpu.of(pid);
        work.run();
        return ThreadCpu.of(pid).minus(before).share(ThreadCpu.Kind.JIT);
    }

    /** Work that says how many papers it did. */
    private interface CountedWork {
        long run() throws Exception;
    }

    private Figure measure(String what, long count, Work work) throws Exception {
        return measure(what, count, () -> Duration.ZERO, work);
    }

    private Figure measure(String what, long count, Supplier<Duration> cpuClock, Work work) throws Exception {
        return measureCounted(what, cpuClock, () -> {
            work.run();
            return count;
        });
    }

    /** Times the work, and counts the CPU time the clock given (a process's total) advances meanwhile. */
    private Figure measureCounted(String what, Supplier<Duration> cpuClock, CountedWork work) throws Exception {
        say.accept(what + "...");
        Duration cpuBefore = cpuClock.get();
        long start = System.nanoTime();
        long count = work.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Figure figure = new Figure(what, count, took, cpuClock.get().minus(cpuBefore));
        say.accept(BenchmarkReport.report(List.of(figure)).get(0));
        return figure;
    }

    /** This JVM's CPU time, garbage collection and compilation included, as enrich's is. */
    private static Duration ownCpu() {
        return cpuOf(ProcessHandle.current().pid());
    }

    private static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
    }

    /** Pages of the plan's size holding papers firstPaper to firstPaper + papers - 1. */
    private List<RawPage> pages(int firstPaper, int papers) {
        List<RawPage> pages = new ArrayList<>();
        for (int n = 0; n < papers; n += plan.perPage()) {
            RawPage page = PageGenerator.page(
                    "arxiv-atom", Math.min(plan.perPage(), papers - n), firstPaper + n, firstPaper + n, plan.topics());
            page.setSourceUri("https://bench.example/" + run + "/atom-" + (firstPaper + n));
            pages.add(page);
        }
        return pages;
    }

    private List<Paper> parse(List<RawPage> pages) throws UnparseablePageException {
        List<Paper> parsed = new ArrayList<>();
        parse(pages, parsed::add);
        return parsed;
    }

    private void parse(List<RawPage> pages, Consumer<Paper> each) throws UnparseablePageException {
        for (RawPage page : pages) {
            enricher.enrich(page).papers().forEach(each);
        }
    }

    private void awaitIndexed(PipelineProbe probe, long count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        Instant nextReport = Instant.now().plusSeconds(5);
        long indexed = 0;
        while ((indexed = probe.papersSearchable()) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(indexed + " of " + count + " papers searchable after 30 min");
            }
            if (Instant.now().isAfter(nextReport)) {
                say.accept("  " + indexed + " of " + count + " papers searchable");
                nextReport = Instant.now().plusSeconds(5);
            }
            Thread.sleep(100);
        }
    }

    /** Tag sightings of the papers: what the day windows of the trends index sum to once they settled. */
    private static long tagsOf(List<Paper> parsed) {
        return parsed.stream()
                .mapToLong(p ->
                        p.getTags().stream().map(t -> t.getName()).distinct().count())
                .sum();
    }

    /** Waits until the indexed day windows count every tagged paper; how long that took. */
    private Duration awaitTrends(PipelineProbe probe, long expected) throws Exception {
        say.accept("waiting for the trends to count " + expected + " tagged papers...");
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        long counted;
        while ((counted = probe.dayTrendPapers()) != expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "day trends count " + counted + " tagged papers after 10 min, not " + expected);
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The raw {@code _bulk} figures with 1, 2, 4 and 8 clients, then twice as many while the rate still rises by
     * {@link RawBulk#BULK_RISE}: where the curve flattens is this Elasticsearch's ceiling on this machine.
     */
    private List<Figure> bulkCurve(RawBulk bulk, List<Paper> parsed) throws Exception {
        List<Figure> curve = new ArrayList<>();
        double most = 0;
        for (int clients = 1; clients <= RawBulk.BULK_CLIENTS_AT_MOST; clients *= 2) {
            int n = clients;
            Figure figure = measure(BenchmarkReport.bulk(n), parsed.size(), () -> bulk.send(parsed, n));
            curve.add(figure);
            if (n >= 8 && figure.perSecond() < most * RawBulk.BULK_RISE) {
                break;
            }
            most = Math.max(most, figure.perSecond());
        }
        return curve;
    }
}
