package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.stack.StackPort;
import dev.digestpipeline.testsupport.DocSections;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DigestCliTest {
    @Test
    void readmeCommandTableIsTheCommandTree() {
        DocSections.assertCurrent("commands", DigestCli.markdownTable());
    }

    @Test
    void readmeStackPortTableIsTheDeclaredPorts() {
        DocSections.assertCurrent("stack ports", StackPort.markdownTable());
    }

    @Test
    void everyCommandHasGeneratedHelp() {
        for (String command : new String[] {"demo", "status", "down", "stack", "evaluate", "test"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = DigestCli.commandLine();
            cli.setOut(new PrintWriter(out));
            assertEquals(0, cli.execute(command, "--help"), command);
            assertTrue(out.toString().startsWith("Usage: digest " + command), out.toString());
        }
    }

    @Test
    void toolOptionsPassThroughTestAndBench() {
        CommandLine cli = DigestCli.commandLine();
        cli.parseArgs("test", "-Dit.test=PipelineIT", "-q");
        TestCommand test = cli.getSubcommands().get("test").getCommand();
        assertEquals(List.of("-Dit.test=PipelineIT", "-q"), test.maven);
        cli.parseArgs("bench", "EnrichBenchmark", "-f", "1");
        BenchCommand bench = cli.getSubcommands().get("bench").getCommand();
        assertEquals(List.of("EnrichBenchmark", "-f", "1"), bench.args);
        cli.parseArgs("bench", "pipeline", "--papers=300", "--help");
        BenchCommand pipeline = cli.getSubcommands().get("bench").getCommand();
        assertEquals(List.of("pipeline", "--papers=300", "--help"), pipeline.args);
    }

    @Test
    void anUnknownCommandIsAnErrorWithTheUsage() {
        StringWriter err = new StringWriter();
        CommandLine cli = DigestCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("nope"));
        assertTrue(err.toString().startsWith("Unmatched argument at index 0: 'nope'"), err.toString());
    }

    @Test
    void noCommandPrintsTheUsageAndFails() {
        StringWriter err = new StringWriter();
        CommandLine cli = DigestCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute());
        assertTrue(err.toString().startsWith("Usage: digest [-hV] [COMMAND]"), err.toString());
    }

    @Test
    void aBackfillOfAFeedIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = DigestCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(
                2, cli.execute("backfill", "--source=arxiv-rss,https://rss.arxiv.org/rss/cs.CL", "--since=2026-11-01"));
        assertEquals(
                "digest: only hf-daily-api and arxiv-api sources have days to backfill, not arxiv-rss (a feed or a "
                        + "page shows only its latest state)\n",
                err.toString());
    }
}
