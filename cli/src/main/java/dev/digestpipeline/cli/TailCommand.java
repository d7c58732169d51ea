package dev.digestpipeline.cli;

import dev.digestpipeline.cli.tail.TopicTail;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.stack.LocalStack;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A topic of the running pipeline, decoded: {@link TopicTail} on the stack './digest up' started. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = "A digest topic's records as JSON lines, decoded through the schema registry, with key, "
                + "headers, partition and offset. Follows new records until Ctrl-C, --max or --to-end.")
final class TailCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "TOPIC",
            description = "digest.papers, digest.papers.area.vision, digest.trends, digest.pages.dlq...")
    String topic;

    @Option(names = "--from-beginning", description = "from the oldest record kept, not only records from now on")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "stop after N records")
    int max;

    @Option(names = "--key", paramLabel = "K", description = "only records with this key (a paper id, a tag...)")
    String key;

    @Option(names = "--grep", paramLabel = "TEXT", description = "only records whose line holds TEXT (any case)")
    String grep;

    @Option(names = "--to-end", description = "stop at the end the topic had when reading started")
    boolean toEnd;

    @Override
    public Integer call() {
        if (max < 0) {
            throw new IllegalArgumentException("--max is a number of records, not " + max);
        }
        LocalStack stack = Checkout.runningStack();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C: the read stops within a poll, and the JVM waits (up to 5 s) for the consumer to close; waiting on
        // the main thread itself would not do, since it then blocks in System.exit until the hooks end
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (TopicTail tail = new TopicTail(stack.bootstrapServers(), stack.registryUrl())) {
            tail.read(topic, new TopicTail.Options(fromBeginning, max, key, grep, toEnd), Checkout::say, stop::get);
        } finally {
            closed.countDown();
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }
}
