package dev.digestpipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.launch.CommandTable;
import dev.digestpipeline.testsupport.DocSections;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchMainTest {
    @Test
    void theDocsTableOfTheBenchCommandsIsTheCommandTree() {
        DocSections.assertCurrent("bench commands", CommandTable.markdown(BenchMain.commandLine(), "./digest bench"));
    }

    @Test
    void pipelineHasGeneratedHelp() {
        StringWriter out = new StringWriter();
        var cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("pipeline", "--help"));
        assertTrue(out.toString().startsWith("Usage: bench pipeline "), out.toString());
        assertTrue(out.toString().contains("--mixed-topics"), out.toString());
    }
}
