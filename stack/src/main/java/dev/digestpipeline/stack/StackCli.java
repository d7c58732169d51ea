package dev.digestpipeline.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Command line of the local stack: up, down, status, env. Used by ./digest and usable alone. */
public final class StackCli {
    private static final String USAGE = """
            Usage: stack <command> [options]
              up [--free-ports]   start Kafka, the schema registry and Elasticsearch on loopback
              down [--purge]      stop them by PID; --purge also deletes their data
              status              say what runs where
              env                 print the addresses as DIGEST_* environment assignments
            Settings (environment): DIGEST_STACK_DIR (data folder, default .stack/local), DIGEST_KAFKA_PORT (9092),
              DIGEST_KAFKA_CONTROLLER_PORT (9093), DIGEST_REGISTRY_PORT (8081), DIGEST_REGISTRY_MANAGEMENT_PORT (9001),
              DIGEST_ES_PORT (9200), DIGEST_ES_TRANSPORT_PORT (9300), DIGEST_SERVER_JAVA_HOME (a JDK 21+).
            """;

    private StackCli() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.getenv()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("stack: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("stack: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static int run(String[] args, Map<String, String> env) throws Exception {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> options = Arrays.asList(args).subList(1, args.length);
        Path dataDir = Path.of(env.getOrDefault("DIGEST_STACK_DIR",
                Path.of(env.getOrDefault("DIGEST_HOME", ".")).resolve(".stack/local").toString())).toAbsolutePath();
        switch (args[0]) {
            case "up" -> {
                var running = LocalStack.attach(dataDir);
                if (running.isPresent()) {
                    System.out.println("already running: " + running.get().describe());
                    return 0;
                }
                StackSettings settings = StackSettings.fromEnvironment(env);
                if (options.contains("--free-ports")) {
                    settings = settings.withFreePorts(settings.dataDir());
                }
                long t0 = System.nanoTime();
                LocalStack stack = LocalStack.start(settings, line -> System.out.println("stack: " + line));
                System.out.printf("stack: up in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, stack.describe());
            }
            case "down" -> {
                List<String> stopped = LocalStack.stop(dataDir);
                System.out.println(stopped.isEmpty() ? "stack: nothing was running" : "stack: stopped " + String.join(", ", stopped));
                if (options.contains("--purge")) {
                    LocalStack.purge(StackSettings.fromEnvironment(env));
                    System.out.println("stack: deleted " + dataDir);
                }
            }
            case "status" -> {
                var running = LocalStack.attach(dataDir);
                System.out.println(running.map(s -> "running from " + dataDir + ": " + s.describe())
                        .orElse("not running (data folder " + dataDir + ")"));
                return running.isPresent() ? 0 : 3;
            }
            case "env" -> {
                LocalStack stack = LocalStack.attach(dataDir).orElseThrow(
                        () -> new IllegalStateException("no stack is running from " + dataDir));
                System.out.println("DIGEST_BOOTSTRAP_SERVERS=" + stack.bootstrapServers());
                System.out.println("DIGEST_REGISTRY_URL=" + stack.registryUrl());
                System.out.println("DIGEST_ELASTICSEARCH_URL=" + stack.elasticsearchUrl());
            }
            default -> {
                System.err.print("stack: unknown command '" + args[0] + "'\n" + USAGE);
                return 2;
            }
        }
        return 0;
    }
}
