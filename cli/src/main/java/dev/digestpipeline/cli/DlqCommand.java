package dev.digestpipeline.cli;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.stack.LocalStack;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The dead letters of the running pipeline, read from digest.pages.dlq and digest.papers.dlq. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = "Dead letters: what failed, where, why, and the original bytes.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.ShowLetter.class})
final class DlqCommand {
    private DlqCommand() {}

    private static PipelineProbe probe() {
        LocalStack stack = Checkout.runningStack();
        return new PipelineProbe(
                stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per dead letter of both dead-letter topics: id, when, stage, key, reason.")
    static final class ListLetters implements Callable<Integer> {
        @Option(names = "--stage", paramLabel = "STAGE", description = "only this stage (enrich-parse, sink-index...)")
        String stage;

        @Option(
                names = "--since",
                paramLabel = "TIME",
                description = "only letters since then: YYYY-MM-DD (UTC) or an ISO instant")
        String since;

        @Override
        public Integer call() throws Exception {
            Instant from = since == null ? null : instant(since);
            try (PipelineProbe probe = probe()) {
                List<ConsumerRecord<String, DeadLetter>> records =
                        new ArrayList<>(probe.records(Topics.PAGES_DLQ.name()));
                records.addAll(probe.records(Topics.PAPERS_DLQ.name()));
                List<String> lines = DeadLetterLines.list(records, stage, from);
                lines.forEach(Checkout::say);
                Checkout.say(lines.size() + " dead letters; './digest dlq show ID' prints one whole");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter, whole.")
    static final class ShowLetter implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "as 'dlq list' prints it: pages/0/12")
        String id;

        @Override
        public Integer call() throws Exception {
            String topic = DeadLetterLines.topicOf(id);
            try (PipelineProbe probe = probe()) {
                for (ConsumerRecord<String, DeadLetter> record : probe.<DeadLetter>records(topic)) {
                    if (DeadLetterLines.id(record).equals(id)) {
                        DeadLetterLines.show(record).forEach(Checkout::say);
                        return 0;
                    }
                }
            }
            Checkout.say("no dead letter " + id);
            return 1;
        }
    }

    static Instant instant(String text) {
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since is YYYY-MM-DD or an ISO instant, not '" + text + "'", e);
        }
    }
}
