package dev.digestpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.Sha256;
import dev.digestpipeline.ingest.fetch.UserAgent;
import dev.digestpipeline.schemas.RawPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageReaderTest {
    private final PageReader reader = new PageReader(
            new PageFetcher(UserAgent.of("test", ""), 1024, Duration.ofSeconds(5), Duration.ofSeconds(5)),
            null,
            Clock.fixed(Instant.parse("2025-08-20T06:00:00Z"), ZoneOffset.UTC));

    @Test
    void fileBecomesPageWithFileUriTypeHashAndUnmodifiedBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("daily.txt");
        Files.writeString(file, "Daily Papers\n\nAug 20\n");
        RawPage page = reader.read(file.toString());
        assertEquals(file.toUri().toString(), page.getSourceUri());
        assertEquals("text/plain", page.getContentType());
        assertEquals(Instant.parse("2025-08-20T06:00:00Z"), page.getFetchedAt());
        assertEquals(Sha256.hex("Daily Papers\n\nAug 20\n".getBytes(StandardCharsets.UTF_8)), page.getContentSha256());
        assertEquals(
                "Daily Papers\n\nAug 20\n",
                StandardCharsets.UTF_8.decode(page.getContent()).toString());
        assertNull(page.getKind());
    }

    @Test
    void folderExpandsToItsFilesInNameOrderSkippingHiddenOnes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("b.json"), "[]");
        Files.writeString(dir.resolve("a.html"), "<html/>");
        Files.writeString(dir.resolve("sub/c.txt"), "c");
        Files.writeString(dir.resolve(".hidden"), "h");
        assertEquals(
                List.of(
                        dir.resolve("a.html").toString(),
                        dir.resolve("b.json").toString(),
                        dir.resolve("sub/c.txt").toString()),
                PageReader.expand(dir.toString()));
    }

    @Test
    void missingPathIsAnErrorNamingIt(@TempDir Path dir) {
        IOException e = assertThrows(
                IOException.class,
                () -> PageReader.expand(dir.resolve("nope.txt").toString()));
        assertEquals("no such file, folder or URL: " + dir.resolve("nope.txt"), e.getMessage());
    }

    @Test
    void contentTypeIsGuessedFromTheName() {
        assertEquals(
                "application/json", PageReader.guessContentType("https://huggingface.co/api/daily_papers.json?x=1"));
        assertEquals("text/html", PageReader.guessContentType("/pages/papers.HTML"));
        assertEquals("application/xml", PageReader.guessContentType("feed.atom"));
        assertNull(PageReader.guessContentType("https://huggingface.co/papers"));
    }
}
