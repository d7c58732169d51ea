package dev.digestpipeline.ingest;

import dev.digestpipeline.common.metrics.AppMetrics;
import dev.digestpipeline.common.metrics.Health;
import dev.digestpipeline.common.metrics.MetricsServer;
import dev.digestpipeline.common.run.AppMain;
import dev.digestpipeline.common.settings.Durations;
import dev.digestpipeline.ingest.poll.Source;
import dev.digestpipeline.ingest.poll.SourceList;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed poller as a service: polls its sources for ever, one thread per host (so a host never has two requests
 * in flight and a slow host never delays another), publishes each changed page to the raw-pages topic and keeps
 * every source's state in the state topic. Logs one summary line per interval; stops cleanly on SIGTERM.
 */
public final class PollerApp implements AppMain.App {
    private static final Logger log = LoggerFactory.getLogger(PollerApp.class);
    /** How long a host thread rests after an error of its own (Kafka unreachable while saving a state). */
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(10);

    static final String USAGE = """
            Usage: poller [options] [SOURCE...]
              SOURCE is KIND,URL[,every=DURATION]; KIND is one of hf-daily-api, hf-daily-page, arxiv-rss, arxiv-api,
              arxiv-listing, url. Sources come from --sources FILE and the operands; with none, the defaults.
            """ + PollerConfig.SETTINGS.help();

    private final PollerConfig config;
    private final List<Source> sources;
    private final List<Thread> hostThreads = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<PollingLoop.Round> sinceSummary = new AtomicReference<>(PollingLoop.Round.NONE);
    private PollingClients clients;
    private PollingLoop loop;
    private Thread summary;
    private final PrometheusMeterRegistry metrics = AppMetrics.create("poller");
    private KafkaClientMetrics producerMetrics;
    private MetricsServer metricsServer;

    public PollerApp(PollerConfig config, List<Source> sources) {
        this.config = config;
        this.sources = List.copyOf(sources);
    }

    /** Reads every source's state from Kafka, then starts one polling thread per host. */
    @Override
    public void start() throws IOException {
        clients = new PollingClients(config, Clock.systemUTC());
        loop = clients.loop(sources);
        loop.bindTo(metrics);
        producerMetrics = clients.producerMetrics();
        producerMetrics.bindTo(metrics);
        if (config.metrics().enabled()) {
            metricsServer = MetricsServer.start("poller", config.metrics(), metrics, this::health);
        }
        Map<String, List<Source>> byHost = byHost(sources);
        log.info("polling {} sources on {} hosts as '{}'", sources.size(), byHost.size(), clients.userAgent());
        byHost.forEach((host, group) -> {
            Thread thread = new Thread(() -> pollForEver(group), "poll-" + host);
            hostThreads.add(thread);
            thread.start();
        });
        summary = new Thread(this::logSummaries, "poll-summary");
        summary.setDaemon(true);
        summary.start();
    }

    /** Ready while every host's polling thread runs; a source failing is a metric and a state, not unreadiness. */
    Health health() {
        long running = hostThreads.stream().filter(Thread::isAlive).count();
        String detail = running + " of " + hostThreads.size() + " host threads polling " + sources.size() + " sources";
        return !closed.get() && running == hostThreads.size() ? Health.ready(detail) : Health.notReady(detail);
    }

    /** One host's sources, polled as they fall due until the app stops. */
    private void pollForEver(List<Source> group) {
        while (!closed.get()) {
            try {
                PollingLoop.Round round = loop.pollDue(group);
                sinceSummary.accumulateAndGet(round, PollingLoop.Round::plus);
                sleepUntil(loop.nextDue(group));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error(
                        "polling {} failed, again in {}: {}",
                        group.get(0).url().getHost(),
                        PAUSE_AFTER_ERROR,
                        e.toString());
                try {
                    Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private static void sleepUntil(Instant due) throws InterruptedException {
        long millis = Duration.between(Instant.now(), due).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private void logSummaries() {
        try {
            while (!closed.get()) {
                Thread.sleep(config.summaryInterval().toMillis());
                PollingLoop.Round round = sinceSummary.getAndSet(PollingLoop.Round.NONE);
                log.info(
                        "last {}: {} polls, {} pages published, {} failed; next poll due {}",
                        Durations.format(config.summaryInterval()),
                        round.polled(),
                        round.published(),
                        round.failed(),
                        loop.nextDue());
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    /** Sources grouped by host, in their given order. */
    static Map<String, List<Source>> byHost(List<Source> sources) {
        Map<String, List<Source>> byHost = new LinkedHashMap<>();
        for (Source source : sources) {
            byHost.computeIfAbsent(source.url().getHost().toLowerCase(Locale.ROOT), h -> new ArrayList<>())
                    .add(source);
        }
        return byHost;
    }

    /** Hosts of the sources that are not this machine: polling them without a contact earns a warning. */
    public static List<String> publicHosts(List<Source> sources) {
        List<String> hosts = new ArrayList<>();
        for (String host : byHost(sources).keySet()) {
            try {
                if (!InetAddress.getByName(host).isLoopbackAddress()) {
                    hosts.add(host);
                }
            } catch (UnknownHostException e) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        hostThreads.forEach(Thread::interrupt);
        for (Thread thread : hostThreads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (summary != null) {
            summary.interrupt();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        metrics.close();
        if (clients != null) {
            clients.close();
        }
        log.info("stopped");
    }

    /** The settings and the sources they name. */
    record Start(PollerConfig config, List<Source> sources) {}

    public static void main(String[] args) {
        new AppMain("poller", USAGE, PollerConfig.SETTINGS)
                .runService(
                        args,
                        settings -> {
                            PollerConfig config = PollerConfig.from(settings);
                            return Optional.of(
                                    new Start(config, SourceList.of(config.sourcesFile(), settings.operands())));
                        },
                        start -> {
                            List<String> publicHosts = publicHosts(start.sources());
                            if (start.config().ingest().contact() == null && !publicHosts.isEmpty()) {
                                log.warn(
                                        "polling {} without a contact: set --contact=EMAIL_OR_URL so their operators"
                                                + " can reach you",
                                        String.join(", ", publicHosts));
                            }
                            return new PollerApp(start.config(), start.sources());
                        });
    }
}
