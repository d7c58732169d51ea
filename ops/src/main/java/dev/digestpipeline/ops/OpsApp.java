package dev.digestpipeline.ops;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.digestpipeline.common.metrics.AppMetrics;
import dev.digestpipeline.common.metrics.Health;
import dev.digestpipeline.common.metrics.MetricsServer;
import dev.digestpipeline.common.run.AppMain;
import dev.digestpipeline.ops.dashboard.DashboardServer;
import dev.digestpipeline.ops.deadletters.DeadLetterReplay;
import dev.digestpipeline.ops.deadletters.DeadLetterTally;
import dev.digestpipeline.ops.kafka.TopicRecords;
import dev.digestpipeline.ops.pipeline.PipelineView;
import dev.digestpipeline.ops.search.PaperSearch;
import dev.digestpipeline.ops.search.TrendChart;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops app: the live dashboard on loopback. It samples the pipeline from outside (Kafka offsets and groups, the
 * apps' health endpoints, Elasticsearch) on a timer, and answers the page's searches, trends and replays.
 */
public final class OpsApp implements DashboardServer.Backend, AppMain.App {
    private static final Logger log = LoggerFactory.getLogger(OpsApp.class);

    static final String USAGE = """
            Usage: ops [options]
              Serves the live dashboard: the pipeline's stages with lag and throughput, the sources, the dead
              letters (with replay), the trends and a papers search; runs until stopped.
            """ + OpsConfig.SETTINGS.help();

    private final OpsConfig config;
    private final Admin admin;
    private final ElasticsearchClient es;
    private final PipelineView view;
    private final PaperSearch search;
    private final TrendChart trends;
    private final TopicRecords replayReader;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-sampler");
        t.setDaemon(true);
        return t;
    });
    private final PrometheusMeterRegistry metrics;
    private DashboardServer server;
    private MetricsServer metricsServer;

    public OpsApp(OpsConfig config) throws IOException {
        this.config = config;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        this.admin = Admin.create(props);
        this.es = config.elasticsearch().client();
        TopicRecords sampleReader = new TopicRecords(config.bootstrapServers(), config.registryUrl());
        this.view = new PipelineView(
                admin,
                es,
                sampleReader,
                new DeadLetterTally(sampleReader),
                config.bootstrapServers(),
                config.registryUrl(),
                config.papersAlias(),
                new PipelineView.Groups(config.enrichApplicationId(), config.sinkGroupId(), config.appHealth()));
        this.search = new PaperSearch(es, config.papersAlias());
        this.trends = new TrendChart(es, config.trendsAlias());
        this.replayReader = new TopicRecords(config.bootstrapServers(), config.registryUrl());
        this.metrics = AppMetrics.create("ops");
    }

    /** Starts sampling and serving; logs the dashboard's URL. */
    @Override
    public void start() throws IOException {
        long every = config.sampleInterval().toMillis();
        // sample() catches what it throws: a failed run never ends the schedule, so its future says nothing
        var unused = sampler.scheduleWithFixedDelay(this::sample, 0, every, TimeUnit.MILLISECONDS);
        server = DashboardServer.start(config.dashboardHost(), config.dashboardPort(), this);
        if (config.metrics().enabled()) {
            metricsServer = MetricsServer.start(
                    "ops", config.metrics(), metrics, () -> Health.ready("serving " + server.url()));
        }
        log.info("dashboard on {}", server.url());
    }

    private static final java.util.regex.Pattern LOGGED_URL =
            java.util.regex.Pattern.compile("dashboard on (http://\\S+)");

    /** The dashboard's URL a log line of {@link #start} gives, if it is one: how a launcher finds a free port. */
    public static java.util.Optional<String> urlLogged(String logLine) {
        java.util.regex.Matcher m = LOGGED_URL.matcher(logLine);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** The dashboard's URL, once started. */
    public String url() {
        return server.url();
    }

    private void sample() {
        try {
            PipelineView.Snapshot snapshot = view.sample();
            log.debug(
                    "sampled: {} stages, {} errors",
                    snapshot.stages().size(),
                    snapshot.errors().size());
        } catch (RuntimeException e) {
            log.warn("sampling the pipeline failed: {}", e.toString()); // the next sample tries again
        }
    }

    @Override
    public Object pipeline() {
        return view.latest();
    }

    @Override
    public PaperSearch.Result papers(PaperSearch.Request request) throws IOException {
        return search.search(request);
    }

    @Override
    public Object similar(String paperId) throws IOException {
        return search.similar(paperId, 5)
                .orElseThrow(() -> new DashboardServer.Refused(404, "no paper " + paperId + " in the index"));
    }

    @Override
    public TrendChart.Chart trends(TrendChart.Request request) throws IOException {
        return trends.chart(request);
    }

    /** Replays the stage's dead letters not replayed before, as './digest dlq replay --stage' does. */
    @Override
    public synchronized Object replay(String stage) {
        DeadLetterReplay.Plan plan = DeadLetterReplay.plan(
                DeadLetterReplay.letters(replayReader),
                DeadLetterReplay.replayed(replayReader, config.bootstrapServers()),
                stage,
                null);
        List<String> replayed = DeadLetterReplay.replay(plan.replay(), config.bootstrapServers(), config.registryUrl());
        log.info(
                "replayed {} dead letters of stage {} from the dashboard; {} replayed before, {} cannot be",
                replayed.size(),
                stage,
                plan.alreadyReplayed().size(),
                plan.notReplayable().size());
        sampler.execute(this::sample); // the page shows the replay at its next refresh
        return Map.of(
                "stage", stage,
                "replayed", replayed,
                "alreadyReplayed", plan.alreadyReplayed().size(),
                "notReplayable", plan.notReplayable(),
                "at", Instant.now().toString());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        if (server != null) {
            server.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        view.close();
        replayReader.close();
        admin.close();
        try {
            es.close();
        } catch (IOException e) {
            log.debug("closing the Elasticsearch client: {}", e.toString());
        }
        metrics.close();
        log.info("stopped");
    }

    public static void main(String[] args) {
        new AppMain("ops", USAGE, OpsConfig.SETTINGS)
                .runService(args, settings -> Optional.of(OpsConfig.from(settings)), OpsApp::new);
    }
}
