package dev.digestpipeline.cli;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistryAccess;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceList;
import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStateStore;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** What runs where, and how each source's polling goes. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Says what runs where: the stack's addresses, the apps' PIDs and logs, and one line per source "
                + "the poller polls (last poll, HTTP status, papers, next due, backoff). Exit status 3 when the "
                + "stack is not running.")
final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Path stackDir = Checkout.stackDir();
        Optional<LocalStack> stack = LocalStack.attach(stackDir);
        Checkout.say(stack.map(s -> "stack: " + s.describe()).orElse("stack: not running (" + stackDir + ")"));
        AppProcesses apps = new AppProcesses(Checkout.home(), stackDir);
        apps.describe().forEach(Checkout::say);
        Path sourcesFile = UpCommand.pollerSources(apps);
        if (stack.isPresent() && Files.exists(sourcesFile)) {
            List<Source> sources = SourceList.read(sourcesFile);
            Checkout.say("sources (" + sources.size() + ", from " + sourcesFile + "):");
            SourceStatus.lines(sources, states(stack.get()), Instant.now()).forEach(Checkout::say);
        }
        return stack.isPresent() ? 0 : 3;
    }

    private static Map<String, SourceState> states(LocalStack stack) {
        return SourceStateStore.read(
                stack.bootstrapServers(),
                RegistryAccess.anonymous(stack.registryUrl()),
                Topics.SOURCES_STATE.name(),
                Map.of());
    }
}
