package dev.digestpipeline.cli;

import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.PollerApp;
import dev.digestpipeline.ingest.PollerConfig;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceList;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.StackSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The pipeline as a service: the stack, enrich, sink and the feed poller in the background. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Starts what is not running of the local stack, enrich, sink, the feed poller and the "
                + "dashboard, in the background, says where they run and returns. With no source given, polls the Hugging Face daily "
                + "papers and the arXiv RSS feeds of cs.AI, cs.CL, cs.CV and cs.LG. Run again with other sources, "
                + "it restarts the poller with them.")
final class UpCommand implements Callable<Integer> {
    @Option(
            names = "--sources",
            paramLabel = "FILE",
            description = "a sources file: one KIND,URL[,every=DURATION] per line, # comments")
    Path sourcesFile;

    @Option(
            names = "--source",
            paramLabel = "KIND,URL[,every=DURATION]",
            description = "a source to poll (repeatable); KIND: hf-daily-api, hf-daily-page, arxiv-rss, arxiv-api, "
                    + "arxiv-listing, url")
    List<String> sources = new ArrayList<>();

    @Option(
            names = "--contact",
            paramLabel = "EMAIL_OR_URL",
            description = "put in every request's User-Agent, so the sites' operators can reach you")
    String contact;

    /** The sources file 'up' writes for the poller it starts; 'status' reads it back. */
    static Path pollerSources(AppProcesses apps) {
        return apps.dir().resolve("poller-sources.txt");
    }

    @Override
    public Integer call() throws Exception {
        List<Source> polled = SourceList.of(sourcesFile, sources);
        Path stackDir = Checkout.stackDir();
        AppProcesses apps = new AppProcesses(Checkout.home(), stackDir);
        Optional<LocalStack> running = LocalStack.attach(stackDir);
        LocalStack stack;
        if (running.isPresent()) {
            stack = running.get();
            Checkout.say("stack already running");
        } else {
            Checkout.say("starting the local stack in " + stackDir + " (what of it is not running)");
            stack = LocalStack.startMissing(
                    StackSettings.fromEnvironment(System.getenv()), line -> Checkout.say("  " + line));
        }
        for (AppProcesses.App app : AppProcesses.PIPELINE) {
            Checkout.say(apps.start(app, stack));
        }
        Checkout.say(startPoller(apps, stack, polled));
        Checkout.say(apps.startDashboard(stack));
        List<String> publicHosts = PollerApp.publicHosts(polled);
        if ((contact == null || contact.isBlank()) && !publicHosts.isEmpty()) {
            Checkout.say("warning: polling " + String.join(", ", publicHosts) + " without a contact: add "
                    + "--contact=EMAIL_OR_URL so their operators can reach you");
        }
        Checkout.say("");
        Checkout.say("dashboard:      " + apps.dashboardUrl().orElse("(not running)"));
        Checkout.say("stack:          " + stack.describe());
        Checkout.say("elasticsearch:  " + stack.elasticsearchUrl() + "/papers/_search?q=title:language");
        Checkout.say("sources:        " + polled.size());
        polled.forEach(s -> Checkout.say("  " + s.spec()));
        Checkout.say("'./digest status' shows each source's last poll; './digest down' stops everything.");
        return 0;
    }

    /** Starts the poller with these sources; one running with other sources or contact is restarted. */
    private String startPoller(AppProcesses apps, LocalStack stack, List<Source> polled) throws Exception {
        Path file = pollerSources(apps);
        String wanted = "# written by './digest up'" + (contact == null ? "" : "; contact: " + contact) + "\n"
                + SourceList.format(polled);
        boolean same = Files.exists(file)
                && Files.readString(file, StandardCharsets.UTF_8).equals(wanted);
        String restarted = "";
        if (!same && apps.runningPid(AppProcesses.POLLER).isPresent()) {
            restarted = apps.stop(AppProcesses.POLLER)
                    .map(s -> "stopped " + s + " to poll the new sources; ")
                    .orElse("");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, wanted, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--" + PollerConfig.SOURCES.name() + "=" + file));
        if (contact != null && !contact.isBlank()) {
            args.add("--" + IngestConfig.CONTACT.name() + "=" + contact);
        }
        return restarted + apps.start(AppProcesses.POLLER, stack, args, Map.of());
    }
}
