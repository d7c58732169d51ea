package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;

import dev.digestpipeline.common.kafka.ConsumerGroups;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.ingest.IngestApp;
import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.IngestSummary;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.launch.StackInUse;
import dev.digestpipeline.ops.deadletters.DeadLetterLines;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.sink.index.PaperDocument;
import dev.digestpipeline.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The whole pipeline on the embedded local stack, with a summary of what came out. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Starts the local stack, enrich and sink, publishes the pages (default: samples/), waits until "
                + "every paper is searchable and prints a summary; then stops what it started.")
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--keep",
            description = "leave the stack, enrich and sink running: pages published later flow through")
    boolean keep;

    @Parameters(
            paramLabel = "PAGE",
            arity = "0..*",
            description = "files, folders or http(s) URLs of digest pages (default: samples/)")
    List<String> pages = List.of();

    @Override
    public Integer call() throws Exception {
        Path home = Checkout.home();
        Path stackDir = Checkout.stackDir();
        AppProcesses apps = new AppProcesses(home, stackDir);
        List<String> pages = new ArrayList<>(this.pages);
        if (pages.isEmpty()) {
            pages.add(home.resolve("samples").toString());
        }
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        try (StackInUse inUse = StackInUse.attachOrStart()) {
            return run(inUse, apps, pages, started, startedAt);
        }
    }

    private int run(StackInUse inUse, AppProcesses apps, List<String> pages, long started, Instant startedAt)
            throws Exception {
        LocalStack stack = inUse.stack();
        boolean ok = false;
        List<AppProcesses.App> startedHere = new ArrayList<>();
        try {
            for (AppProcesses.App app : AppProcesses.PIPELINE) {
                if (apps.runningPid(app).isEmpty()) {
                    startedHere.add(app);
                }
                Checkout.say(apps.start(app, stack));
            }
            IngestConfig ingestConfig = IngestConfig.of(Map.of(
                    BOOTSTRAP_SERVERS.envName(),
                    stack.bootstrapServers(),
                    REGISTRY_URL.envName(),
                    stack.registryUrl()));
            IngestSummary ingest = IngestApp.publish(ingestConfig, pages, System.out);
            Checkout.say("ingest: " + ingest);
            try (PipelineProbe probe = new PipelineProbe(
                    stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends")) {
                probe.awaitCaughtUp(ConsumerGroups.ENRICH, ConsumerGroups.SINK, Duration.ofMinutes(5), Checkout::say);
                Set<String> uris = new HashSet<>(ingest.published());
                List<DeadLetter> pageLetters = new ArrayList<>(probe.deadLetters(Topics.PAGES_DLQ.name(), uris));
                // the topic keeps earlier runs' letters for the same pages: count this run's
                pageLetters.removeIf(letter -> letter.getFailedAt().isBefore(startedAt));
                long indexed = uris.isEmpty() ? 0 : probe.indexedFrom(uris);
                Checkout.say("");
                Checkout.say("== summary ==");
                Checkout.say("pages read:          "
                        + (ingest.published().size() + ingest.failed().size()) + " ("
                        + ingest.published().size() + " published, "
                        + ingest.failed().size() + " refused by ingest)");
                ingest.failed().forEach(f -> Checkout.say("  refused: " + f));
                Checkout.say(
                        "papers parsed:       " + probe.parsedPaperIds(uris).size() + " distinct");
                Checkout.say("papers indexed:      " + indexed);
                List<PaperDocument> merged = probe.papersFrom(uris).stream()
                        .filter(d -> d.sourcePages().size() > 1)
                        .toList();
                Checkout.say("merged across pages: " + merged.size()
                        + (merged.isEmpty()
                                ? ""
                                : " ("
                                        + merged.stream()
                                                .map(d -> d.paperId() + " on "
                                                        + d.sourcePages().size() + " pages")
                                                .collect(Collectors.joining(", "))
                                        + ")"));
                Checkout.say("pages dead-lettered: " + pageLetters.size());
                for (DeadLetter letter : pageLetters) {
                    Checkout.say("  " + DeadLetterLines.keyOf(letter) + ": [" + letter.getStage() + "] "
                            + letter.getReason());
                }
                if (!uris.isEmpty()) {
                    Checkout.say("tags:                " + PipelineProbe.histogramLine(probe.tagHistogram(uris)));
                }
                Map<String, Integer> today = probe.latestDayTrends();
                if (!today.isEmpty()) {
                    Checkout.say("trends, latest day:  " + PipelineProbe.histogramLine(today));
                }
                Checkout.say("elasticsearch:       " + stack.elasticsearchUrl() + "/papers and /trends (aliases)");
                String query = "language model";
                Checkout.say(
                        "example search:      curl '" + stack.elasticsearchUrl() + "/papers/_search?q=title:language'");
                probe.search(query, 3).forEach(t -> Checkout.say("  \"" + query + "\" -> " + t));
                Checkout.say(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - started) / 1e9));
                ok = ingest.failed().isEmpty();
            }
        } finally {
            if (keep) {
                inUse.keep();
                Checkout.say(apps.startDashboard(stack));
                Checkout.say(
                        "left running (--keep): './digest status' to see it, './digest down' to stop it; publish more with "
                                + "java -jar ingest/target/ingest-*-app.jar --bootstrap.servers="
                                + stack.bootstrapServers() + " PAGE");
            } else {
                // what ran before the demo ('up', an earlier '--keep') keeps running
                List<String> stopped = new ArrayList<>();
                for (AppProcesses.App app : startedHere) {
                    apps.stop(app).ifPresent(stopped::add);
                }
                Checkout.say("stopping: " + String.join(", ", stopped));
            }
        }
        return ok ? 0 : 1;
    }
}
