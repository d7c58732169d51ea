package dev.digestpipeline.cli;

import dev.digestpipeline.common.kafka.DeadLetterStage;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.ops.deadletters.DeadLetterLines;
import dev.digestpipeline.ops.deadletters.DeadLetterReplay;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.schemas.DeadLetter;
import dev.digestpipeline.stack.LocalStack;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The dead letters of the running pipeline, read from digest.pages.dlq and digest.papers.dlq. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = "Dead letters: what failed, where, why, and the original bytes.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.ShowLetter.class, DlqCommand.ReplayLetters.class})
final class DlqCommand {
    private DlqCommand() {}

    private static PipelineProbe probe(LocalStack stack) {
        return new PipelineProbe(
                stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends");
    }

    /** The letters of both dead-letter topics. */
    private static List<ConsumerRecord<String, DeadLetter>> letters(PipelineProbe probe) {
        return DeadLetterReplay.letters(probe.topicRecords());
    }

    /** The stages a dead letter can name, for --stage's help. */
    static final class Stages implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(DeadLetterStage.values())
                    .map(DeadLetterStage::id)
                    .iterator();
        }
    }

    /** Which letters a command takes: those of a stage, since a time. */
    static final class LetterFilter {
        @Option(
                names = "--stage",
                paramLabel = "STAGE",
                completionCandidates = Stages.class,
                description = "only this stage: ${COMPLETION-CANDIDATES}")
        String stage;

        @Option(
                names = "--since",
                paramLabel = "TIME",
                description = "only letters since then: YYYY-MM-DD (UTC) or an ISO instant")
        String since;

        Instant sinceInstant() {
            return since == null ? null : instant(since);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per dead letter of both dead-letter topics: id, when, stage, key, reason.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin
        LetterFilter filter;

        @Override
        public Integer call() throws Exception {
            try (PipelineProbe probe = probe(Checkout.runningStack())) {
                List<String> lines = DeadLetterLines.list(letters(probe), filter.stage, filter.sinceInstant());
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
            try (PipelineProbe probe = probe(Checkout.runningStack())) {
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

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = "Publishes the original bytes of dead letters again to the topic they were read from, "
                    + "once each: a letter replayed before is skipped (digest.dlq.replayed).")
    static final class ReplayLetters implements Callable<Integer> {
        @Mixin
        LetterFilter filter;

        @Option(names = "--dry-run", description = "say what would be replayed, and replay nothing")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            LocalStack stack = Checkout.runningStack();
            try (PipelineProbe probe = probe(stack)) {
                DeadLetterReplay.Plan plan = DeadLetterReplay.plan(
                        letters(probe),
                        DeadLetterReplay.replayed(probe.topicRecords(), stack.bootstrapServers()),
                        filter.stage,
                        filter.sinceInstant());
                plan.notReplayable().forEach(line -> Checkout.say("cannot replay " + line));
                List<String> replayed = dryRun
                        ? plan.replay().stream().map(DeadLetterLines::id).toList()
                        : DeadLetterReplay.replay(plan.replay(), stack.bootstrapServers(), stack.registryUrl());
                replayed.forEach(id -> Checkout.say((dryRun ? "would replay " : "replayed ") + id));
                Checkout.say((dryRun ? "would replay " : "replayed ") + replayed.size() + "; "
                        + plan.alreadyReplayed().size() + " replayed before; "
                        + plan.notReplayable().size()
                        + " cannot be replayed");
            }
            return 0;
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
