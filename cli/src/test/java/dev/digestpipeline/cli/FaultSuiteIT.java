package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.sink.index.PaperDocument;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.LocalStack.Server;
import dev.digestpipeline.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: enrich and the sink on a stack of their own, under a steady load of pages whose papers' upvotes
 * keep climbing (so revisions climb), while faults are injected one after another: SIGKILL of the sink and of
 * enrich at random moments, Elasticsearch stopped for longer than the sink's max.poll.interval.ms, a broker restart
 * and a registry restart. After each, a page published the moment the fault ends must become searchable (its time
 * is the recovery time). At the end every paper must be in Elasticsearch once, at the latest revision of
 * digest.papers, with every page counted once; every bad page must be a dead letter and nothing else.
 *
 * <p>{@code -Ddigest.faults=long} runs the longer drill ({@link FaultPlan#LONG}); the table of either is printed
 * and written to {@code cli/target/fault-suite/}.
 */
class FaultSuiteIT {
    private static final String ENRICH_GROUP = "digest-enrich";
    private static final String SINK_GROUP = "digest-sink";
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void nothingIsLostStaleDuplicatedOrWronglyDeadLetteredUnderFaults() throws Exception {
        FaultPlan plan = FaultPlan.named(System.getProperty("digest.faults", "ci"));
        long seed = Long.getLong("digest.faults.seed", System.nanoTime());
        Random random = new Random(seed);
        say("fault plan " + plan + ", seed " + seed + " (-Ddigest.faults.seed=" + seed + " repeats its moments)");

        Map<String, String> env = System.getenv();
        Path home = StackSettings.home(env);
        StackSettings settings = StackSettings.fromEnvironment(env)
                .withFreePorts(Files.createTempDirectory(Files.createDirectories(home.resolve(".stack")), "faults-"));
        AppProcesses apps = new AppProcesses(home, settings.dataDir());
        LocalStack stack = LocalStack.start(settings, line -> say("[stack] " + line));
        try (FaultLoad load = new FaultLoad(stack, "faults-" + Long.toString(seed, 36), plan.pageEvery());
                PipelineProbe probe = new PipelineProbe(
                        stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends")) {
            Drill drill = new Drill(stack, apps, load, probe, plan);
            drill.startApps();
            load.start();
            drill.recover("start", Instant.now());

            for (int i = 1; i <= plan.sinkKills(); i++) {
                drill.pause(random);
                drill.kill(AppProcesses.SINK, "SIGKILL sink #" + i);
            }
            for (int i = 1; i <= plan.enrichKills(); i++) {
                drill.pause(random);
                drill.kill(AppProcesses.ENRICH, "SIGKILL enrich #" + i);
            }
            drill.pause(random);
            drill.outage(
                    Server.ELASTICSEARCH,
                    plan.elasticsearchDown(),
                    "Elasticsearch stopped " + plan.elasticsearchDown().toSeconds() + " s (max.poll.interval.ms "
                            + plan.sinkMaxPollInterval().toSeconds() + " s)",
                    List.of());
            drill.pause(random);
            drill.outage(Server.KAFKA, Duration.ZERO, "broker restart", List.of());
            drill.pause(random);
            // apps started while the registry is down have no schema cached: every record they read needs it
            drill.outage(
                    Server.REGISTRY,
                    Duration.ofSeconds(30),
                    "registry stopped 30 s, enrich and sink SIGKILLed and started during it",
                    AppProcesses.PIPELINE);
            drill.pause(random);
            drill.freeze(
                    Server.REGISTRY,
                    plan.registryFrozen(),
                    "registry frozen (SIGSTOP) " + plan.registryFrozen().toSeconds() + " s: its page searchable while "
                            + "frozen");
            drill.pause(random);

            load.stop();
            probe.awaitCaughtUp(ENRICH_GROUP, SINK_GROUP, RECOVERY_TIMEOUT, FaultSuiteIT::say);
            Tally tally = Tally.of(load, probe);
            String table = drill.table(tally);
            say("\n" + table);
            Path out = Files.createDirectories(Path.of("target/fault-suite"));
            Files.writeString(out.resolve(plan.name() + ".txt"), table);

            assertEquals(List.of(), tally.problems(), "papers lost, stale or duplicated; see the table above");
            assertEquals(List.of(), tally.wronglyDeadLettered(), "good pages or papers in a dead-letter topic");
            assertEquals(Set.of(), tally.badPagesNotDeadLettered(), "bad pages that are in no dead-letter topic");
            assertEquals(tally.papers(), tally.documents(), "one document per distinct paper");
            assertEquals(0, load.sendFailures(), "pages the load could not publish");
        } finally {
            apps.stopAll();
            stack.close();
            LocalStack.purge(settings);
        }
    }

    static void say(String line) {
        System.out.println("[faults] " + line);
    }

    /**
     * What the drill injects. {@code sinkMaxPollInterval} is set on the sink so the Elasticsearch outage outlasts it;
     * the long plan keeps Kafka's default (5 min) and stops Elasticsearch for longer than that.
     */
    record FaultPlan(
            String name,
            int sinkKills,
            int enrichKills,
            Duration elasticsearchDown,
            Duration sinkMaxPollInterval,
            Duration pageEvery,
            Duration registryFrozen) {
        static final FaultPlan CI = new FaultPlan(
                "ci",
                5,
                3,
                Duration.ofSeconds(70),
                Duration.ofSeconds(60),
                Duration.ofMillis(200),
                Duration.ofSeconds(45));
        static final FaultPlan LONG = new FaultPlan(
                "long",
                12,
                6,
                Duration.ofSeconds(330),
                Duration.ofMinutes(5),
                Duration.ofMillis(100),
                Duration.ofSeconds(120));

        static FaultPlan named(String name) {
            return switch (name) {
                case "ci" -> CI;
                case "long" -> LONG;
                default -> throw new IllegalArgumentException("digest.faults is ci or long, not " + name);
            };
        }
    }

    /** Injects faults into the running apps and stack, and times each recovery. */
    static final class Drill {
        private final LocalStack stack;
        private final AppProcesses apps;
        private final FaultLoad load;
        private final PipelineProbe probe;
        private final FaultPlan plan;
        private final List<String> rows = new ArrayList<>();
        private int faults;

        Drill(LocalStack stack, AppProcesses apps, FaultLoad load, PipelineProbe probe, FaultPlan plan) {
            this.stack = stack;
            this.apps = apps;
            this.load = load;
            this.probe = probe;
            this.plan = plan;
        }

        void startApps() throws Exception {
            say(apps.start(AppProcesses.ENRICH, stack, List.of(), appSettings(AppProcesses.ENRICH)));
            say(apps.start(AppProcesses.SINK, stack, List.of(), appSettings(AppProcesses.SINK)));
        }

        private Map<String, String> appSettings(AppProcesses.App app) {
            Map<String, String> settings = new HashMap<>();
            // a killed member's partitions move on after 10 s instead of Kafka's 45
            settings.put("DIGEST_KAFKA_SESSION_TIMEOUT_MS", "10000");
            if (app.equals(AppProcesses.SINK)) {
                settings.put(
                        "DIGEST_KAFKA_MAX_POLL_INTERVAL_MS",
                        Long.toString(plan.sinkMaxPollInterval().toMillis()));
            }
            return settings;
        }

        void pause(Random random) throws InterruptedException {
            Thread.sleep(1000 + random.nextInt(4000));
        }

        /** SIGKILL: no shutdown hook, no commit, no flush; then the app is started again at once. */
        void kill(AppProcesses.App app, String fault) throws Exception {
            requireAppsRunning();
            Instant healed = killAndStart(app);
            faults++;
            recover(fault, healed, Duration.ZERO);
        }

        private Instant killAndStart(AppProcesses.App app) throws Exception {
            long pid = apps.runningPid(app).orElseThrow();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            Instant restarted = Instant.now();
            say(apps.start(app, stack, List.of(), appSettings(app)));
            return restarted;
        }

        /**
         * Stops a server of the stack, SIGKILLs and starts the apps given while it is down, keeps it down for at least
         * the duration (its stop included), and starts it again.
         */
        void outage(Server server, Duration down, String fault, List<AppProcesses.App> restartWhileDown)
                throws Exception {
            requireAppsRunning();
            Instant stopped = Instant.now();
            stack.stopServer(server, Duration.ofSeconds(30));
            say(server.key() + " stopped");
            for (AppProcesses.App app : restartWhileDown) {
                killAndStart(app);
            }
            Duration left = down.minus(Duration.between(stopped, Instant.now()));
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            stack.startServer(server);
            Instant healed = Instant.now();
            say(server.key() + " ready again");
            faults += 1 + restartWhileDown.size();
            recover(fault, healed, Duration.between(stopped, healed));
        }

        /**
         * Freezes a server for {@code frozen}: a page published at the start of it must become searchable before it
         * ends (the apps know every schema by then, so the registry is out of the records' path), and the pipeline
         * goes on after the thaw.
         */
        void freeze(Server server, Duration frozen, String fault) throws Exception {
            requireAppsRunning();
            Instant start = Instant.now();
            stack.freezeServer(server);
            say(server.key() + " frozen");
            Duration took;
            try {
                String marker = load.marker();
                while (!searchable(marker)) {
                    if (Duration.between(start, Instant.now()).compareTo(frozen) > 0) {
                        throw new AssertionError("a page published while " + server.key() + " was frozen was not "
                                + "searchable within " + frozen.toSeconds() + " s:\n" + logTails());
                    }
                    requireAppsRunning();
                    Thread.sleep(200);
                }
                took = Duration.between(start, Instant.now());
                Duration left = frozen.minus(took);
                if (!left.isNegative()) {
                    Thread.sleep(left.toMillis()); // the rest of the freeze: nothing may time out and die
                }
                requireAppsRunning();
            } finally {
                stack.thawServer(server);
                say(server.key() + " thawed");
            }
            faults++;
            rows.add(String.format(
                    Locale.ROOT, "| %-70s | %8s | %12s |", fault, seconds(frozen), "(" + seconds(took) + ")"));
            say(fault + ": the page frozen-in was searchable in " + seconds(took));
            recover(server.key() + " thawed", Instant.now());
        }

        void recover(String fault, Instant healed) throws Exception {
            recover(fault, healed, Duration.ZERO);
        }

        /** Publishes a page with a new paper and waits until a search finds it: the pipeline works again. */
        private void recover(String fault, Instant healed, Duration downFor) throws Exception {
            String marker = load.marker();
            Instant deadline = healed.plus(RECOVERY_TIMEOUT);
            while (!searchable(marker)) {
                if (Instant.now().isAfter(deadline)) {
                    Path kept = keepEvidence();
                    throw new AssertionError("not recovered from '" + fault + "' within " + RECOVERY_TIMEOUT.toMinutes()
                            + " min (thread dumps and whole logs in " + kept + "):\n" + logTails());
                }
                requireAppsRunning();
                Thread.sleep(200);
            }
            Duration took = Duration.between(healed, Instant.now());
            rows.add(String.format(
                    Locale.ROOT,
                    "| %-70s | %8s | %12s |",
                    fault,
                    downFor.isZero() ? "-" : seconds(downFor),
                    seconds(took)));
            say(fault + ": recovered in " + seconds(took));
        }

        private boolean searchable(String paperId) {
            try {
                return probe.isSearchable(paperId);
            } catch (java.io.IOException | RuntimeException e) {
                return false; // Elasticsearch is down (one of the faults)
            }
        }

        /** An app that died of its own (not killed by the drill) fails the suite: the drill never restarts it. */
        private void requireAppsRunning() throws Exception {
            for (AppProcesses.App app : AppProcesses.PIPELINE) {
                assertTrue(apps.runningPid(app).isPresent(), app.name() + " is not running:\n" + logTails());
            }
        }

        /**
         * A stuck pipeline leaves no trace once the stack is purged: the apps' whole logs and a thread dump of each
         * (jcmd, from the JDK running the test) are copied to target/fault-suite/ first.
         */
        private Path keepEvidence() throws Exception {
            Path out = Files.createDirectories(Path.of("target/fault-suite/evidence"));
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            for (AppProcesses.App app : AppProcesses.PIPELINE) {
                Path log = apps.dir().resolve(app.name() + ".log");
                if (Files.exists(log)) {
                    Files.copy(log, out.resolve(app.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
                Optional<Long> pid = apps.runningPid(app);
                if (pid.isPresent() && Files.isExecutable(jcmd)) {
                    new ProcessBuilder(jcmd.toString(), pid.get().toString(), "Thread.print")
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    out.resolve(app.name() + "-threads.txt").toFile())
                            .start()
                            .waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            return out.toAbsolutePath();
        }

        private String logTails() throws Exception {
            StringBuilder out = new StringBuilder();
            for (AppProcesses.App app : AppProcesses.PIPELINE) {
                List<String> lines = Files.readAllLines(apps.dir().resolve(app.name() + ".log"));
                out.append("--- ").append(app.name()).append(" log, last 40 lines\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> out.append(l).append('\n'));
            }
            return out.toString();
        }

        String table(Tally tally) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    Locale.ROOT,
                    "| %-70s | %8s | %12s |%n",
                    "fault (plan " + plan.name() + ")",
                    "down for",
                    "recovered in"));
            out.append("|")
                    .append("-".repeat(72))
                    .append("|")
                    .append("-".repeat(10))
                    .append("|")
                    .append("-".repeat(14))
                    .append("|\n");
            rows.forEach(r -> out.append(r).append('\n'));
            out.append('\n')
                    .append("| faults injected | pages | bad pages | papers | documents | lost | stale | duplicated "
                            + "| wrongly dead-lettered | bad pages not dead-lettered |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|\n")
                    .append(String.format(
                            Locale.ROOT,
                            "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                            faults,
                            load.goodPages(),
                            load.badPages().size(),
                            tally.papers(),
                            tally.documents(),
                            tally.lost(),
                            tally.stale(),
                            tally.duplicated(),
                            tally.wronglyDeadLettered().size(),
                            tally.badPagesNotDeadLettered().size()));
            tally.problems().stream()
                    .limit(20)
                    .forEach(p -> out.append("  ").append(p).append('\n'));
            return out.toString();
        }

        private static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }

    /**
     * What the pipeline holds at the end against what the load published. A paper is lost when it is missing from
     * digest.papers or Elasticsearch, or its merged state misses a page or its highest upvotes; stale when
     * Elasticsearch holds an older revision than digest.papers' latest; duplicated when a page was counted twice or
     * the paper has more than one document.
     */
    record Tally(
            int papers,
            int documents,
            int lost,
            int stale,
            int duplicated,
            List<String> problems,
            List<String> wronglyDeadLettered,
            Set<String> badPagesNotDeadLettered) {

        static Tally of(FaultLoad load, PipelineProbe probe) throws Exception {
            Map<String, Paper> latest = new HashMap<>();
            for (ConsumerRecord<String, Paper> r : probe.<Paper>records(Topics.PAPERS.name())) {
                if (r.value() == null) {
                    // a retired title id: its paper lives on under its arXiv id
                    latest.remove(r.key());
                } else {
                    latest.merge(r.key(), r.value(), (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
                }
            }
            List<PaperDocument> docs = probe.allPapers();
            Map<String, PaperDocument> indexed = new HashMap<>();
            int duplicated = 0;
            for (PaperDocument doc : docs) {
                if (indexed.put(doc.paperId(), doc) != null) {
                    duplicated++;
                }
            }
            int lost = 0;
            int stale = 0;
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, FaultLoad.Truth> e : load.truth().entrySet()) {
                String id = e.getKey();
                FaultLoad.Truth truth = e.getValue();
                Paper merged = latest.get(id);
                PaperDocument doc = indexed.get(id);
                if (merged == null || doc == null) {
                    lost++;
                    problems.add(id + ": " + (merged == null ? "not in digest.papers" : "not in Elasticsearch"));
                } else if (merged.getAppearances() > truth.pages()) {
                    duplicated++;
                    problems.add(id + ": " + merged.getAppearances() + " appearances, " + truth.pages() + " pages");
                } else if (merged.getAppearances() < truth.pages() || merged.getUpvotes() < truth.upvotes()) {
                    lost++;
                    problems.add(id + ": merged " + merged.getAppearances() + " appearances / " + merged.getUpvotes()
                            + " upvotes, published " + truth.pages() + " / " + truth.upvotes());
                } else if (doc.revision() != merged.getRevision()) {
                    stale++;
                    problems.add(id + ": indexed revision " + doc.revision() + ", latest " + merged.getRevision());
                }
            }
            List<String> wrong = new ArrayList<>();
            Set<String> badLeft = new TreeSet<>(load.badPages());
            for (ConsumerRecord<String, DeadLetter> r : probe.<DeadLetter>records(Topics.PAGES_DLQ.name())) {
                if (!badLeft.remove(r.key()) && !load.badPages().contains(r.key())) {
                    wrong.add("page " + r.key() + ": " + r.value().getReason());
                }
            }
            for (ConsumerRecord<String, DeadLetter> r : probe.<DeadLetter>records(Topics.PAPERS_DLQ.name())) {
                wrong.add("paper " + r.key() + " (" + r.value().getStage() + "): "
                        + r.value().getReason());
            }
            return new Tally(load.truth().size(), docs.size(), lost, stale, duplicated, problems, wrong, badLeft);
        }
    }
}
