package dev.digestpipeline.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The three servers of the local stack, started as child processes and described by a state file
 * ({@value #STATE_FILE}) in the data folder, so that 'status' and 'down' from another process find them by PID.
 */
public final class LocalStack implements AutoCloseable {
    public static final String STATE_FILE = "stack.properties";
    private static final List<String> SERVERS =
            java.util.Arrays.stream(Server.values()).map(Server::key).toList();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path dataDir;
    private final Properties state;
    /** What the stack was started with; null for a stack attached from its state file. */
    private final StackSettings settings;

    private LocalStack(Path dataDir, Properties state, StackSettings settings) {
        this.dataDir = dataDir;
        this.state = state;
        this.settings = settings;
    }

    /** One server of the stack, by the name its state file and logs use. */
    public enum Server {
        KAFKA("kafka"),
        REGISTRY("registry"),
        ELASTICSEARCH("elasticsearch");

        private final String key;

        Server(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Starts Kafka, the registry and Elasticsearch; on any failure stops what did start and throws. */
    public static LocalStack start(StackSettings settings, Consumer<String> progress)
            throws IOException, InterruptedException {
        settings.requireDistributions();
        Optional<LocalStack> running = attach(settings.dataDir());
        if (running.isPresent()) {
            throw new IllegalStateException("A stack is already running from " + settings.dataDir() + " ("
                    + running.get().describe() + "). Use it, or stop it with './digest down'.");
        }
        Ports.requireFree(StackPort.KAFKA, settings.kafkaPort());
        Ports.requireFree(StackPort.KAFKA_CONTROLLER, settings.kafkaControllerPort());
        Ports.requireFree(StackPort.REGISTRY, settings.registryPort());
        Ports.requireFree(StackPort.REGISTRY_MANAGEMENT, settings.registryManagementPort());
        Ports.requireFree(StackPort.ELASTICSEARCH, settings.elasticsearchPort());
        Ports.requireFree(StackPort.ELASTICSEARCH_TRANSPORT, settings.elasticsearchTransportPort());
        Files.createDirectories(settings.dataDir());

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        List<ServerProcess> started = new ArrayList<>();
        KafkaBroker kafka = new KafkaBroker(settings);
        SchemaRegistry registry = new SchemaRegistry(settings);
        ElasticsearchServer elasticsearch = new ElasticsearchServer(settings);
        CompletableFuture<ServerProcess> esStart = new CompletableFuture<>();
        Thread esThread = new Thread(
                () -> {
                    try {
                        esStart.complete(elasticsearch.start());
                    } catch (Throwable e) {
                        esStart.completeExceptionally(e);
                    }
                },
                "elasticsearch-start");
        try {
            progress.accept("starting Elasticsearch on " + settings.elasticsearchUrl());
            esThread.start();
            progress.accept("starting Kafka on " + settings.bootstrapServers());
            ServerProcess kafkaProcess = kafka.start();
            started.add(kafkaProcess);
            progress.accept("starting schema registry on " + settings.registryUrl());
            ServerProcess registryProcess = registry.start();
            started.add(registryProcess);
            kafka.awaitReady(kafkaProcess, deadline);
            progress.accept("Kafka ready (pid " + kafkaProcess.pid() + ")");
            registry.awaitReady(registryProcess, deadline);
            progress.accept("schema registry ready (pid " + registryProcess.pid() + ")");
            ServerProcess esProcess = awaitStarted(esStart);
            started.add(esProcess);
            elasticsearch.awaitReady(esProcess, deadline);
            progress.accept("Elasticsearch ready (pid " + esProcess.pid() + ")");
        } catch (IOException | InterruptedException | RuntimeException e) {
            esThread.join(Duration.ofMinutes(3).toMillis());
            if (esStart.isDone() && !esStart.isCompletedExceptionally() && !started.contains(esStart.join())) {
                started.add(esStart.join());
            }
            started.forEach(p -> p.stop(Duration.ofSeconds(10)));
            throw e;
        }

        Properties state = new Properties();
        // every port, so that a server that died is started again on its own ports whatever the environment says
        state.setProperty("port.kafka", Integer.toString(settings.kafkaPort()));
        state.setProperty("port.kafka.controller", Integer.toString(settings.kafkaControllerPort()));
        state.setProperty("port.registry", Integer.toString(settings.registryPort()));
        state.setProperty("port.registry.management", Integer.toString(settings.registryManagementPort()));
        state.setProperty("port.elasticsearch", Integer.toString(settings.elasticsearchPort()));
        state.setProperty("port.elasticsearch.transport", Integer.toString(settings.elasticsearchTransportPort()));
        state.setProperty("bootstrap.servers", settings.bootstrapServers());
        state.setProperty("registry.url", settings.registryUrl());
        state.setProperty("elasticsearch.url", settings.elasticsearchUrl());
        for (ServerProcess p : started) {
            state.setProperty(p.name() + ".pid", Long.toString(p.pid()));
            state.setProperty(p.name() + ".log", p.logFile().toString());
        }
        LocalStack stack = new LocalStack(settings.dataDir(), state, settings);
        stack.writeState();
        return stack;
    }

    private void writeState() throws IOException {
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(STATE_FILE))) {
            state.store(out, "digest-pipeline local stack; written by LocalStack");
        }
    }

    /**
     * Stops one server by PID (SIGTERM, SIGKILL after the grace period), keeping its data, so that {@link
     * #startServer} can bring it back: the fault suite's outages, and a restart after a configuration change.
     */
    public void stopServer(Server server, Duration grace) {
        pid(server.key()).ifPresent(pid -> ServerProcess.stop(pid, grace));
    }

    /**
     * Freezes a server (SIGSTOP): it keeps its connections and accepts new ones, and answers nothing, as a server
     * stuck in a long pause does; {@link #thawServer} (SIGCONT) lets it go on.
     */
    public void freezeServer(Server server) throws IOException, InterruptedException {
        signal(server, "STOP");
    }

    public void thawServer(Server server) throws IOException, InterruptedException {
        signal(server, "CONT");
    }

    private void signal(Server server, String signal) throws IOException, InterruptedException {
        long pid = pid(server.key()).orElseThrow(() -> new IllegalStateException(server.key() + " has no pid"));
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Starts a server stopped by {@link #stopServer} again, on its ports and data, and waits until it is ready. */
    public void startServer(Server server) throws IOException, InterruptedException {
        if (settings == null) {
            throw new IllegalStateException("only the process that started the stack can restart its servers");
        }
        if (isRunning(server.key())) {
            throw new IllegalStateException(
                    server.key() + " still runs (pid " + pid(server.key()).orElseThrow() + ")");
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        ServerProcess process;
        switch (server) {
            case KAFKA -> {
                KafkaBroker kafka = new KafkaBroker(settings);
                process = kafka.start();
                kafka.awaitReady(process, deadline);
            }
            case REGISTRY -> {
                SchemaRegistry registry = new SchemaRegistry(settings);
                process = registry.start();
                registry.awaitReady(process, deadline);
            }
            default -> {
                ElasticsearchServer elasticsearch = new ElasticsearchServer(settings);
                process = elasticsearch.start();
                elasticsearch.awaitReady(process, deadline);
            }
        }
        state.setProperty(server.key() + ".pid", Long.toString(process.pid()));
        writeState();
    }

    /**
     * What {@code up} does: nothing when the whole stack runs; each server whose process is gone started again alone,
     * on its own ports and data, when the others run (a crashed broker comes back, the registry and Elasticsearch
     * are left as they are); the whole stack when none runs. Progress says which.
     */
    public static LocalStack startMissing(StackSettings settings, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path file = settings.dataDir().resolve(STATE_FILE);
        if (Files.isRegularFile(file)) {
            Properties state = readState(file);
            LocalStack known = new LocalStack(settings.dataDir(), state, portsOf(settings, state));
            List<Server> gone = java.util.Arrays.stream(Server.values())
                    .filter(s -> !known.isRunning(s.key()))
                    .toList();
            if (gone.size() < Server.values().length) {
                for (Server server : gone) {
                    progress.accept(server.key() + " is not running (pid "
                            + known.pid(server.key()).orElse(-1L)
                            + " is gone): starting it alone on its ports and data");
                    known.requirePortsFree(server);
                    known.startServer(server);
                    progress.accept(server.key() + " ready (pid "
                            + known.pid(server.key()).orElseThrow() + ")");
                }
                return known;
            }
        }
        return start(settings, progress);
    }

    /** The settings with the ports the state file names (a stack started on free ports keeps them). */
    private static StackSettings portsOf(StackSettings settings, Properties state) {
        if (state.getProperty("port.kafka") == null) {
            return settings; // written before ports were kept: the environment's are the stack's
        }
        return new StackSettings(
                settings.home(),
                settings.dataDir(),
                settings.serverJavaHome(),
                Integer.parseInt(state.getProperty("port.kafka")),
                Integer.parseInt(state.getProperty("port.kafka.controller")),
                Integer.parseInt(state.getProperty("port.registry")),
                Integer.parseInt(state.getProperty("port.registry.management")),
                Integer.parseInt(state.getProperty("port.elasticsearch")),
                Integer.parseInt(state.getProperty("port.elasticsearch.transport")));
    }

    /** A server's ports must be free to start it: one still held means a process of it the state file lost. */
    private void requirePortsFree(Server server) {
        switch (server) {
            case KAFKA -> {
                Ports.requireFree(StackPort.KAFKA, settings.kafkaPort());
                Ports.requireFree(StackPort.KAFKA_CONTROLLER, settings.kafkaControllerPort());
            }
            case REGISTRY -> {
                Ports.requireFree(StackPort.REGISTRY, settings.registryPort());
                Ports.requireFree(StackPort.REGISTRY_MANAGEMENT, settings.registryManagementPort());
            }
            default -> {
                Ports.requireFree(StackPort.ELASTICSEARCH, settings.elasticsearchPort());
                Ports.requireFree(StackPort.ELASTICSEARCH_TRANSPORT, settings.elasticsearchTransportPort());
            }
        }
    }

    private static ServerProcess awaitStarted(CompletableFuture<ServerProcess> start)
            throws IOException, InterruptedException {
        try {
            return start.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Whether none of the servers the data folder's state file names runs (or there is no state file). */
    public static boolean nothingRuns(Path dataDir) {
        Path file = dataDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return true;
        }
        LocalStack stack = new LocalStack(dataDir, readState(file), null);
        return SERVERS.stream().noneMatch(stack::isRunning);
    }

    /** The stack described by the data folder's state file, if every one of its servers still runs. */
    public static Optional<LocalStack> attach(Path dataDir) {
        Path file = dataDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        LocalStack stack = new LocalStack(dataDir, readState(file), null);
        return SERVERS.stream().allMatch(stack::isRunning) ? Optional.of(stack) : Optional.empty();
    }

    public String bootstrapServers() {
        return state.getProperty("bootstrap.servers");
    }

    public String registryUrl() {
        return state.getProperty("registry.url");
    }

    public String elasticsearchUrl() {
        return state.getProperty("elasticsearch.url");
    }

    public Path dataDir() {
        return dataDir;
    }

    boolean isRunning(String server) {
        return pid(server)
                .flatMap(ProcessHandle::of)
                .map(ProcessHandle::isAlive)
                .orElse(false);
    }

    Optional<Long> pid(String server) {
        return Optional.ofNullable(state.getProperty(server + ".pid")).map(Long::parseLong);
    }

    /** The PIDs of the stack's servers, as its state file names them. */
    public List<Long> pids() {
        return SERVERS.stream().flatMap(s -> pid(s).stream()).toList();
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("kafka ")
                .append(bootstrapServers())
                .append(" pid ")
                .append(pid("kafka").orElse(-1L));
        out.append(", registry ")
                .append(registryUrl())
                .append(" pid ")
                .append(pid("registry").orElse(-1L));
        out.append(", elasticsearch ")
                .append(elasticsearchUrl())
                .append(" pid ")
                .append(pid("elasticsearch").orElse(-1L));
        return out.toString();
    }

    /** Stops every server by PID (SIGTERM, then SIGKILL after a grace period) and removes the state file. */
    @Override
    public void close() {
        stop(dataDir);
    }

    /** Stops whatever the state file in the folder names, running or half-started; returns the names stopped. */
    public static List<String> stop(Path dataDir) {
        List<String> stopped = new ArrayList<>();
        Path file = dataDir.resolve(STATE_FILE);
        Properties state = Files.isRegularFile(file) ? readState(file) : new Properties();
        // fall back to the PID files each server writes, for a stack whose start was interrupted
        for (String server : SERVERS) {
            Optional<Long> pid = Optional.ofNullable(state.getProperty(server + ".pid"))
                    .map(Long::parseLong)
                    .or(() -> ServerProcess.readPid(dataDir.resolve(pidFileOf(server))));
            pid.ifPresent(p -> {
                if (ServerProcess.stop(p, KafkaBroker.stopGrace())) {
                    stopped.add(server + " (pid " + p + ")");
                }
            });
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }

    private static Properties readState(Path file) {
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            state.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    private static String pidFileOf(String server) {
        return switch (server) {
            case "kafka" -> "kafka/kafka.pid";
            case "registry" -> "registry/registry.pid";
            default -> "elasticsearch.pid";
        };
    }

    /** Deletes the data folder (and, as root, Elasticsearch's folder outside the checkout). */
    public static void purge(StackSettings settings) throws IOException, InterruptedException {
        new ElasticsearchServer(settings).purge();
        if (Files.exists(settings.dataDir())) {
            try (var paths = Files.walk(settings.dataDir())) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
