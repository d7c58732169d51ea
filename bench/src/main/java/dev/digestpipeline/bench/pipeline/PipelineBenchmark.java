package dev.digestpipeline.bench.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import dev.digestpipeline.bench.PageGenerator;
import dev.digestpipeline.common.kafka.RegistrySerdes;
import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.settings.CommonSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.enrich.EnrichApp;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.sink.ElasticsearchAccess;
import dev.digestpipeline.sink.PaperDocument;
import dev.digestpipeline.sink.PaperIndex;
import dev.digestpipeline.sink.SinkConfig;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline benchmark: on the running local stack, with topics, consumer groups and indices of the run's own,
 * it measures side by side, for the same generated arXiv Atom pages of distinct papers:
 *
 * <ol>
 *   <li>parse only: the enrich code (parse, extract, tag) in this JVM on one core, over the pages again and again
 *       for {@link #PARSE_AT_LEAST};
 *   <li>the raw {@code _bulk} ceiling: the same papers' documents bulk-indexed with 1, 2, 4 and 8 concurrent
 *       clients, and more while that still rises ({@link #BULK_CLIENTS_AT_MOST});
 *   <li>the producer ceiling: the pages published to a topic;
 *   <li>enrich alone: pages published to enrich running by itself, until every merged paper is out, in
 *       {@link #ENRICH_ROUNDS} rounds of new papers, each followed by the parse again;
 *   <li>the sink alone: the sink started on that backlog, until every paper is searchable;
 *   <li>end to end: as many new papers through both, from the first publish to the last paper searchable.
 * </ol>
 *
 * First, what a user's first backfill sees: {@link Plan#warmUp()} papers through a freshly started enrich and sink,
 * from the first publish to the last searchable ({@link #COLD}), with each app's CPU time by thread.
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
     * One measured figure: what, how many in how long, and for the parts measured per core, the CPU time the process
     * doing the work spent meanwhile (zero when not measured).
     */
    record Figure(String what, long papers, Duration took, Duration cpu) {
        Figure(String what, long papers, Duration took) {
            this(what, papers, took, Duration.ZERO);
        }

        double perSecond() {
            return papers / Math.max(took.toNanos() / 1e9, 1e-9);
        }

        /** Papers per CPU-second: per core, whatever number of threads the work ran on. */
        double perCpuSecond() {
            return papers / Math.max(cpu.toNanos() / 1e9, 1e-9);
        }
    }

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

    /**
     * The raw {@code _bulk} curve doubles its clients from one to 8, and past 8 goes on doubling, up to this many,
     * while the rate still rises by {@link #BULK_RISE}.
     */
    static final int BULK_CLIENTS_AT_MOST = 32;

    static final double BULK_RISE = 1.05;

    /** The parse is warmed up by passes over the warm-up pages, at most this many, until its compiler settles too. */
    static final int PARSE_WARM_UP_PASSES = 20;

    /** The parse-only figure parses the pages again and again for at least this long. */
    static final Duration PARSE_AT_LEAST = Duration.ofSeconds(5);
    /** Papers per page in the latency run: small pages, so that a page's time is close to each paper's. */
    static final int LATENCY_PAGE = 20;

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

    /** Fetch to searchable, page by page, at a fixed rate of new papers. */
    record Latency(int rate, int pages, Duration p50, Duration p99, Duration max) {}

    /** From when to when. */
    record Window(Instant from, Instant to) {}

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

    private final LocalStack stack;
    private final Path dir;
    private final Plan plan;
    private final Consumer<String> say;
    private final String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
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
    }

    /** Runs every measurement. */
    Result run() throws Exception {
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
        Map<String, String> enrichEnv = enrichSettings();
        Map<String, String> sinkEnv = sinkSettings();
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
            figures.add(measureParse(PARSE, first));
            List<Paper> parsed = parse(first);
            long parsedTags = tagsOf(parsed);
            tagsPerPaper = parsedTags / (double) parsed.size();
            figures.addAll(bulkCurve(parsed));
            String producerTopic = run + ".producer";
            createTopic(producerTopic);
            figures.add(measure(PRODUCER, plan.papers(), () -> publish(producerTopic, first)));

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
            figures.add(measure(COLD, warmUp, () -> {
                publish(pagesTopic, warmUpPages);
                awaitIndexed(probe, warmUp);
            }));
            coldThreads.put(AppProcesses.ENRICH.name(), ThreadCpu.of(enrichPid).minus(enrichCold));
            coldThreads.put(AppProcesses.SINK.name(), ThreadCpu.of(sinkPid).minus(sinkCold));
            coldThreads.forEach(
                    (app, cpu) -> say.accept(String.format(Locale.ROOT, COLD_THREADS, app) + cpu.describe()));
            // enrich alone from here: the sink comes back for its backlog
            apps.stop(AppProcesses.SINK);
            warmedUp += warmUp;
            long warmUpTags = tagsOf(warmUpPapers);
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                List<RawPage> pages = pages(warmedUp, warmUp);
                say.accept("warming enrich up with " + warmUp + " papers, round " + round + "...");
                double jit = jitShare(enrichPid, () -> {
                    publish(pagesTopic, pages);
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
                figures.add(measure(ENRICH, plan.papers(), () -> cpuOf(enrichPid), () -> {
                    publish(pagesTopic, pages);
                    probe.awaitEnrichCaughtUp(run + "-enrich", pagesTopic, Duration.ofMinutes(30), say);
                }));
                figures.add(measureParse(PARSE_AGAIN, first));
            }
            enrichThreads = ThreadCpu.of(enrichPid).minus(enrichBefore);
            enrichAlone = new Window(enrichFrom, Instant.now());
            say.accept(ENRICH_THREADS + enrichThreads.describe());

            // the sink's backlog holds the warm-up's papers too, but for the cold run's, which it indexed then
            long backlog = warmedUp + (long) ENRICH_ROUNDS * plan.papers();
            figures.add(measure(SINK, backlog - warmUp, () -> {
                say.accept(apps.start(AppProcesses.SINK, stack, List.of(), sinkEnv));
                awaitIndexed(probe, backlog);
            }));
            figures.add(measure(END_TO_END, plan.papers(), () -> {
                publish(pagesTopic, second);
                awaitIndexed(probe, backlog + plan.papers());
            }));
            long tagged = warmUpTags + parsedTags + roundTags + tagsOf(parse(second));
            trendsSettled = awaitTrends(probe, tagged);
            latency = latency(probe, pagesTopic, endToEndFrom + plan.papers());
        } finally {
            apps.stopAll();
            cleanUp();
        }
        return new Result(
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
                LATENCY_PAGE,
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
        say.accept(report(List.of(figure)).get(0));
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

    /** The label of the raw {@code _bulk} figure with that many clients. */
    static String bulk(int clients) {
        return BULK_PREFIX + clients + (clients == 1 ? " client" : " clients");
    }

    /**
     * The raw {@code _bulk} figures with 1, 2, 4 and 8 clients, then twice as many while the rate still rises by
     * {@link #BULK_RISE}: where the curve flattens is this Elasticsearch's ceiling on this machine.
     */
    private List<Figure> bulkCurve(List<Paper> parsed) throws Exception {
        List<Figure> curve = new ArrayList<>();
        double most = 0;
        for (int clients = 1; clients <= BULK_CLIENTS_AT_MOST; clients *= 2) {
            int n = clients;
            Figure figure = measure(bulk(n), parsed.size(), () -> bulk(parsed, n));
            curve.add(figure);
            if (n >= 8 && figure.perSecond() < most * BULK_RISE) {
                break;
            }
            most = Math.max(most, figure.perSecond());
        }
        return curve;
    }

    /**
     * The papers' documents into an index of their own by requests of the sink's default batch size, sent by that
     * many clients at once, each with a connection of its own, taking the next batch as it finishes one.
     */
    private void bulk(List<Paper> parsed, int clients) throws Exception {
        String index = run + "-raw-bulk-" + clients;
        int batch = Integer.parseInt(SinkConfig.BATCH_SIZE.defaultValue());
        List<List<BulkOperation>> batches = new ArrayList<>();
        for (int from = 0; from < parsed.size(); from += batch) {
            List<BulkOperation> operations = new ArrayList<>();
            for (Paper paper : parsed.subList(from, Math.min(parsed.size(), from + batch))) {
                PaperDocument doc = PaperDocument.of(paper);
                operations.add(BulkOperation.of(
                        b -> b.index(i -> i.index(index).id(doc.paperId()).document(doc))));
            }
            batches.add(operations);
        }
        try (ElasticsearchClient es =
                ElasticsearchAccess.anonymous(stack.elasticsearchUrl()).client()) {
            es.indices().create(c -> c.index(index).mappings(PaperIndex.mapping()));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> sending = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                sending.add(pool.submit(() -> {
                    try (ElasticsearchClient es = ElasticsearchAccess.anonymous(stack.elasticsearchUrl())
                            .client()) {
                        for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                            List<BulkOperation> operations = batches.get(b);
                            BulkResponse response = es.bulk(r -> r.operations(operations));
                            if (response.errors()) {
                                throw new IOException("raw _bulk had item errors: "
                                        + response.items().get(0).error());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> client : sending) {
                client.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        try (ElasticsearchClient es =
                ElasticsearchAccess.anonymous(stack.elasticsearchUrl()).client()) {
            es.indices().refresh(r -> r.index(index));
        }
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return props;
    }

    private void publish(String topic, List<RawPage> pages) throws Exception {
        try (Serde<RawPage> serde = RegistrySerdes.valueSerde(stack.registryUrl());
                KafkaProducer<String, RawPage> producer =
                        new KafkaProducer<>(producerProps(), new StringSerializer(), serde.serializer())) {
            for (RawPage page : pages) {
                Future<RecordMetadata> unused = producer.send(new ProducerRecord<>(topic, page.getSourceUri(), page));
            }
            producer.flush();
        }
    }

    private void createTopic(String topic) {
        TopicAdmin.ensure(
                stack.bootstrapServers(),
                Map.of(),
                List.of(Topics.PAGES_RAW.newTopic(topic, 3, (short) 1, null, Map.of("max.message.bytes", "8388608"))));
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
     * Publishes pages of {@value #LATENCY_PAGE} new papers at the plan's rate for its time, each fetched as it is
     * sent, and times each page from its fetch until a search (polled every 100 ms, no refresh forced) finds all
     * of its papers.
     */
    private Latency latency(PipelineProbe probe, String topic, int firstPaper) throws Exception {
        int pages = (int) Math.max(1, plan.rate() * plan.latencyFor().toSeconds() / LATENCY_PAGE);
        long interval = Math.round(1e9 * LATENCY_PAGE / plan.rate());
        say.accept("latency: " + pages + " pages of " + LATENCY_PAGE + " at " + plan.rate() + " papers/s...");
        Map<String, Instant> waiting = new HashMap<>();
        List<Duration> latencies = new ArrayList<>();
        Instant deadline = Instant.now().plus(plan.latencyFor()).plus(Duration.ofMinutes(5));
        try (Serde<RawPage> serde = RegistrySerdes.valueSerde(stack.registryUrl());
                KafkaProducer<String, RawPage> producer =
                        new KafkaProducer<>(producerProps(), new StringSerializer(), serde.serializer())) {
            long next = System.nanoTime();
            long nextPoll = next;
            int sent = 0;
            while (sent < pages || !waiting.isEmpty()) {
                for (; sent < pages && System.nanoTime() >= next; sent++, next += interval) {
                    int first = firstPaper + sent * LATENCY_PAGE;
                    RawPage page = PageGenerator.page("arxiv-atom", LATENCY_PAGE, first, first, plan.topics());
                    page.setSourceUri("https://bench.example/" + run + "/latency-" + sent);
                    page.setFetchedAt(Instant.now());
                    waiting.put(page.getSourceUri(), page.getFetchedAt());
                    Future<RecordMetadata> unused =
                            producer.send(new ProducerRecord<>(topic, page.getSourceUri(), page));
                }
                if (System.nanoTime() >= nextPoll) {
                    nextPoll = System.nanoTime() + 100_000_000L;
                    Instant now = Instant.now();
                    probe.searchableByPage(waiting.keySet()).forEach((uri, count) -> {
                        if (count == LATENCY_PAGE) {
                            latencies.add(Duration.between(waiting.remove(uri), now));
                        }
                    });
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(waiting.size() + " latency pages not searchable in time");
                }
                Thread.sleep(Math.max(1, Math.min(10, (Math.min(next, nextPoll) - System.nanoTime()) / 1_000_000)));
            }
        }
        latencies.sort(null);
        return new Latency(
                plan.rate(),
                latencies.size(),
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.get(latencies.size() - 1));
    }

    static Duration percentile(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private Map<String, String> enrichSettings() {
        Map<String, String> env = new HashMap<>();
        env.put(CommonSettings.BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers());
        env.put(CommonSettings.REGISTRY_URL.envName(), stack.registryUrl());
        env.put(EnrichConfig.APPLICATION_ID.envName(), run + "-enrich");
        for (Setting topic : EnrichConfig.TOPIC_SETTINGS) {
            env.put(topic.envName(), run + "." + topic.defaultValue());
        }
        env.put(
                EnrichConfig.STATE_DIR.envName(),
                dir.resolve(run).resolve("enrich-state").toString());
        if (plan.profile()) {
            // from the start, written when enrich stops: a recording started later with jcmd deoptimized so much
            // compiled code that the JIT took 42 % of the measured time; the report reads the measured part only
            env.put(
                    "JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording());
        }
        return env;
    }

    private Map<String, String> sinkSettings() {
        return Map.of(
                "DIGEST_GROUP_ID", run + "-sink",
                "DIGEST_TOPIC_PAPERS", run + "." + Topics.PAPERS.name(),
                "DIGEST_TOPIC_TRENDS", run + "." + Topics.TRENDS.name(),
                "DIGEST_TOPIC_PAPERS_DLQ", run + "." + Topics.PAPERS_DLQ.name(),
                "DIGEST_INDEX_ALIAS", run + "-papers",
                "DIGEST_INDEX_TRENDS_ALIAS", run + "-trends");
    }

    /** Deletes the run's topics and indices, so runs do not fill the stack. */
    private void cleanUp() {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<String> ours = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(run))
                    .toList();
            admin.deleteTopics(ours).all().get();
        } catch (Exception e) {
            say.accept("could not delete the run's topics: " + e);
        }
        try (ElasticsearchClient es =
                ElasticsearchAccess.anonymous(stack.elasticsearchUrl()).client()) {
            // deleting by wildcard is refused (action.destructive_requires_name): names first
            List<String> indices = new ArrayList<>(
                    es.indices().get(g -> g.index(run + "-*")).indices().keySet());
            if (!indices.isEmpty()) {
                es.indices().delete(d -> d.index(indices));
            }
        } catch (Exception e) {
            say.accept("could not delete the run's indices: " + e);
        }
    }
}
