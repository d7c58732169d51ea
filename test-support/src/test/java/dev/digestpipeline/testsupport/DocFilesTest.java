package dev.digestpipeline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The docs a newcomer reads: short at the top, one README per module, and no link that leads nowhere. */
class DocFilesTest {
    @Test
    void everyRelativeLinkOfTheDocsLeadsToAFileAndHeading() {
        assertEquals(List.of(), DocFiles.brokenLinks());
    }

    @Test
    void everyModuleFolderHasAReadme() {
        assertEquals(List.of(), DocFiles.modulesWithoutReadme());
    }

    @Test
    void theReadmeIsAtMost250Lines() throws IOException {
        long lines =
                Files.readAllLines(DocSections.checkout().resolve("README.md")).size();
        assertTrue(lines <= 250, "README.md has " + lines + " lines; move detail into docs/ or a module's README");
    }

    @Test
    void headingsAreNamedAsGitHubNamesThem() {
        assertEquals(
                List.of("ingest-one-shot", "enrichs-topology", "where-a-change-goes"),
                DocFiles.anchors("# ingest (one-shot)\n\n## Enrich's topology\ntext\n### Where a change goes\n"));
    }

    @Test
    void aHashInACodeBlockIsNoHeading() {
        assertEquals(List.of("run"), DocFiles.anchors("## Run\n```\n# sources.txt\n```\n"));
    }

    @Test
    void theDocsAreTheReadmeTheDocsFolderAndTheModulesReadmes() {
        List<String> docs = DocFiles.all().stream().map(DocFiles::relative).toList();
        assertEquals("README.md", docs.get(0));
        assertTrue(docs.contains("docs/operations.md"), docs::toString);
        assertTrue(docs.contains("sink/README.md"), docs::toString);
    }
}
