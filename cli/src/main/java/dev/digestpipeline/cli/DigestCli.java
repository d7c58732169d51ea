package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;

import dev.digestpipeline.ingest.IngestApp;
import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.IngestSummary;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.sink.PaperDocument;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** ./digest demo | down | status: the whole pipeline on the embedded local stack. */
public final class DigestCli {
    static final String USAGE = """
            Usage: ./digest <command>
              demo [--keep] [PAGE...]  start the local stack, enrich and sink; publish the pages (default: samples/);
                                       wait until every paper is searchable; print a summary. --keep leaves it
                                       all running (new pages published later flow through).
              down [--purge]           stop the apps and the stack; --purge also deletes their data
              status                   say what runs where
              test                     run every test (unit and integration) against real servers
            Environment: DIGEST_STACK_DIR, DIGEST_KAFKA_PORT, DIGEST_REGISTRY_PORT, DIGEST_ES_PORT, ... (see README).
            """;

    private DigestCli() {}

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("digest: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("DIGEST_HOME", ".")).toAbsolutePath().normalize();
        Path stackDir = Path.of(env.getOrDefault("DIGEST_STACK_DIR", home.resolve(".stack/local").toString())).toAbsolutePath();
        AppProcesses apps = new AppProcesses(home, stackDir);
        List<String> rest = List.of(args).subList(1, args.length);
        int code = switch (args[0]) {
            case "demo" -> demo(home, stackDir, apps, env, rest);
            case "down" -> {
                List<String> stopped = apps.stopAll();
                stopped.addAll(LocalStack.stop(stackDir));
                say(stopped.isEmpty() ? "nothing was running" : "stopped " + String.join(", ", stopped));
                if (rest.contains("--purge")) {
                    LocalStack.purge(StackSettings.fromEnvironment(env));
                    say("deleted " + stackDir);
                }
                yield 0;
            }
            case "status" -> {
                Optional<LocalStack> stack = LocalStack.attach(stackDir);
                say(stack.map(s -> "stack: " + s.describe()).orElse("stack: not running (" + stackDir + ")"));
                apps.describe().forEach(DigestCli::say);
                yield stack.isPresent() ? 0 : 3;
            }
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                yield 2;
            }
        };
        return code;
    }

    private static int demo(Path home, Path stackDir, AppProcesses apps, Map<String, String> env, List<String> args)
            throws Exception {
        boolean keep = args.contains("--keep");
        List<String> pages = new ArrayList<>(args.stream().filter(a -> !a.startsWith("--")).toList());
        if (pages.isEmpty()) {
            pages.add(home.resolve("samples").toString());
        }
        long started = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        Optional<LocalStack> running = LocalStack.attach(stackDir);
        LocalStack stack;
        if (running.isPresent()) {
            stack = running.get();
            say("using the running stack: " + stack.describe());
        } else {
            say("starting the local stack in " + stackDir);
            stack = LocalStack.start(StackSettings.fromEnvironment(env), line -> say("  " + line));
        }
        boolean ok = false;
        try {
            for (String app : AppProcesses.APPS) {
                say(apps.start(app, stack));
            }
            IngestConfig ingestConfig = IngestConfig.of(Map.of(
                    BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers(), REGISTRY_URL.envName(), stack.registryUrl()));
            IngestSummary ingest = IngestApp.publish(ingestConfig, pages, System.out);
            say("ingest: " + ingest);
            try (PipelineProbe probe = new PipelineProbe(stack.bootstrapServers(), stack.registryUrl(),
                    stack.elasticsearchUrl(), "papers", "trends")) {
                probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(5), line -> say(line));
                Set<String> uris = new HashSet<>(ingest.published());
                List<DeadLetter> pageLetters = new ArrayList<>(probe.deadLetters(Topics.PAGES_DLQ.name(), uris));
                // the topic keeps earlier runs' letters for the same pages: count this run's
                pageLetters.removeIf(letter -> letter.getFailedAt().isBefore(startedAt));
                long indexed = uris.isEmpty() ? 0 : probe.indexedFrom(uris);
                say("");
                say("== summary ==");
                say("pages read:          " + (ingest.published().size() + ingest.failed().size())
                        + " (" + ingest.published().size() + " published, " + ingest.failed().size() + " refused by ingest)");
                ingest.failed().forEach(f -> say("  refused: " + f));
                say("papers parsed:       " + probe.parsedPaperIds(uris).size() + " distinct");
                say("papers indexed:      " + indexed);
                List<PaperDocument> merged = probe.papersFrom(uris).stream().filter(d -> d.sourcePages().size() > 1).toList();
                say("merged across pages: " + merged.size() + (merged.isEmpty() ? "" : " (" + merged.stream()
                        .map(d -> d.paperId() + " on " + d.sourcePages().size() + " pages").collect(Collectors.joining(", ")) + ")"));
                say("pages dead-lettered: " + pageLetters.size());
                for (DeadLetter letter : pageLetters) {
                    say("  " + keyOf(letter) + ": [" + letter.getStage() + "] " + letter.getReason());
                }
                if (!uris.isEmpty()) {
                    say("tags:                " + PipelineProbe.histogramLine(probe.tagHistogram(uris)));
                }
                Map<String, Integer> today = probe.latestDayTrends();
                if (!today.isEmpty()) {
                    say("trends, latest day:  " + PipelineProbe.histogramLine(today));
                }
                say("elasticsearch:       " + stack.elasticsearchUrl() + "/papers and /trends (aliases)");
                String query = "language model";
                say("example search:      curl '" + stack.elasticsearchUrl() + "/papers/_search?q=title:language'");
                probe.search(query, 3).forEach(t -> say("  \"" + query + "\" -> " + t));
                say(String.format("done in %.1f s", (System.nanoTime() - started) / 1e9));
                ok = ingest.failed().isEmpty();
            }
        } finally {
            if (keep) {
                say("left running (--keep): './digest status' to see it, './digest down' to stop it; publish more with "
                        + "java -jar ingest/target/ingest-*-app.jar --bootstrap.servers=" + stack.bootstrapServers() + " PAGE");
            } else {
                say("stopping: " + String.join(", ", apps.stopAll()));
                if (running.isEmpty()) {
                    LocalStack.stop(stackDir);
                }
            }
        }
        return ok ? 0 : 1;
    }

    private static String keyOf(DeadLetter letter) {
        return letter.getOriginalKey() == null ? "(no key)"
                : java.nio.charset.StandardCharsets.UTF_8.decode(letter.getOriginalKey().duplicate()).toString();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

}
