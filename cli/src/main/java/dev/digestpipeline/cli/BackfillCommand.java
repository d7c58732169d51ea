package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;

import dev.digestpipeline.ingest.Backfill;
import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.PollerConfig;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.LocalStack;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Past days of a dated source, published through the running pipeline. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = "Walks the days of an hf-daily-api or arxiv-api source (the daily list by date; the query's "
                + "papers submitted each day), oldest first, with the poller's politeness, and publishes their pages "
                + "to the running pipeline. Each day is checkpointed: interrupted, it resumes; run again, it "
                + "publishes nothing new. Exit status 1 when a day is left for a later run.")
final class BackfillCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "KIND,URL", description = "the source to backfill")
    String source;

    @Option(names = "--since", required = true, paramLabel = "DATE", description = "the first day, YYYY-MM-DD")
    LocalDate since;

    @Option(names = "--until", paramLabel = "DATE", description = "the last day, YYYY-MM-DD (default: yesterday, UTC)")
    LocalDate until;

    @Option(
            names = "--contact",
            paramLabel = "EMAIL_OR_URL",
            description = "put in every request's User-Agent, so the sites' operators can reach you")
    String contact;

    @Override
    public Integer call() throws Exception {
        Source parsed = Source.parse(source);
        parsed.forDay(since); // a kind without days is refused before anything starts
        LocalDate last = until == null ? LocalDate.now(ZoneOffset.UTC).minusDays(1) : until;
        if (last.isBefore(since)) {
            throw new IllegalArgumentException("--until " + last + " is before --since " + since);
        }
        LocalStack stack = Checkout.runningStack();
        AppProcesses apps = new AppProcesses(Checkout.home(), Checkout.stackDir());
        if (apps.runningPid(AppProcesses.ENRICH).isEmpty()
                || apps.runningPid(AppProcesses.SINK).isEmpty()) {
            Checkout.say(
                    "note: enrich or sink is not running; the pages wait in Kafka until './digest up' starts them");
        }
        Map<String, String> env = new HashMap<>(Map.of(
                BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers(), REGISTRY_URL.envName(), stack.registryUrl()));
        if (contact != null && !contact.isBlank()) {
            env.put(IngestConfig.CONTACT.envName(), contact);
        }
        Checkout.say("backfilling " + parsed.id() + " from " + since + " to " + last);
        Backfill.Summary summary =
                Backfill.run(PollerConfig.of(env), parsed, since, last, line -> Checkout.say("  " + line));
        Checkout.say("backfill: " + summary);
        return summary.unfinished().isEmpty() ? 0 : 1;
    }
}
