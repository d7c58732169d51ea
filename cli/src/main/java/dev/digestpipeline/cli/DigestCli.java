package dev.digestpipeline.cli;

import dev.digestpipeline.launch.CommandTable;
import dev.digestpipeline.stack.StackPort;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./digest}: every command the launcher offers, one tree. The launcher finds a JDK, builds what changed and
 * runs this; {@code --help} on any command is generated, and so is the README's command table.
 */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        versionProvider = DigestCli.Version.class,
        description = "digest-pipeline: every paper from every research digest page, parsed, tagged, on Kafka topics "
                + "and searchable in Elasticsearch.",
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            BackfillCommand.class,
            StatusCommand.class,
            DownCommand.class,
            StackCommand.class,
            DlqCommand.class,
            TailCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            BenchCommand.class,
            TestCommand.class
        })
public final class DigestCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private DigestCli() {}

    /** No command given: the usage, and the status of a wrong call. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        // the commands talk to the user; the clients they use warn only (a -D on the command line still wins)
        System.setProperty(
                "org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty(
                "org.slf4j.simpleLogger.log.org.apache.kafka",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
        System.exit(commandLine().execute(args));
    }

    /** The command tree, with errors of the user's making said in one line instead of a stack trace. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DigestCli());
        // their options belong to the tool they run (JMH, Maven)
        cli.getSubcommands().get("bench").setUnmatchedOptionsArePositionalParams(true);
        cli.getSubcommands().get("test").setUnmatchedOptionsArePositionalParams(true);
        cli.getSubcommands().get("stack").getCommandSpec().usageMessage().footer(stackEnvironment());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                line.getErr().println("digest: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** The stack's environment, from the declarations of its ports. */
    static String stackEnvironment() {
        StringBuilder out = new StringBuilder("%nEnvironment:%n");
        out.append("  DIGEST_STACK_DIR                 data folder (default .stack/local)%n");
        out.append("  DIGEST_SERVER_JAVA_HOME          a JDK 21+ for the registry and Elasticsearch%n");
        for (StackPort port : StackPort.values()) {
            out.append(String.format(
                    Locale.ROOT, "  %-33s%s port (default %d)%%n", port.variable(), port.what(), port.defaultPort()));
        }
        return out.toString();
    }

    /** The README's table of commands: one row per runnable command, its synopsis and its description. */
    static String markdownTable() {
        return CommandTable.markdown(commandLine(), "./digest");
    }

    /** The version the build wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DigestCli.class.getPackage().getImplementationVersion();
            return new String[] {"digest-pipeline " + (version == null ? "(development build)" : version)};
        }
    }
}
