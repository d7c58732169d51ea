package dev.digestpipeline.ingest.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceListTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("sources.txt"), text);
    }

    @Test
    void withNoSourceGivenTheDefaultsArePolled() {
        assertEquals(SourceList.DEFAULTS, SourceList.of(null, List.of()));
        assertEquals(
                List.of(
                        "hf-daily-api,https://huggingface.co/api/daily_papers",
                        "arxiv-rss,https://rss.arxiv.org/rss/cs.AI",
                        "arxiv-rss,https://rss.arxiv.org/rss/cs.CL",
                        "arxiv-rss,https://rss.arxiv.org/rss/cs.CV",
                        "arxiv-rss,https://rss.arxiv.org/rss/cs.LG"),
                SourceList.DEFAULTS.stream().map(Source::id).toList());
    }

    @Test
    void aFileHoldsOneSourcePerLineWithCommentsAndBlankLinesSkipped() throws IOException {
        Path sources = file("""
                # the feeds we read
                arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=30m

                  url,https://example.org/papers.html
                """);
        assertEquals(
                List.of(
                        Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=30m"),
                        Source.parse("url,https://example.org/papers.html")),
                SourceList.of(sources, List.of()));
    }

    @Test
    void sourcesGivenOneByOneComeAfterTheFileAndASourceNamedTwiceTakesTheLastInterval() throws IOException {
        Path sources = file("arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=30m\n");
        List<Source> list = SourceList.of(
                sources,
                List.of("url,https://example.org/a.html", "arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=2h"));
        assertEquals(2, list.size());
        assertEquals(Duration.ofHours(2), list.get(0).every());
        assertEquals("url,https://example.org/a.html", list.get(1).id());
    }

    @Test
    void aBadLineIsReportedWithTheFileAndLineNumber() throws IOException {
        Path sources = file("# ok\nrss,https://example.org/feed\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SourceList.of(sources, List.of()));
        assertEquals(
                sources + ":2: unknown source kind 'rss' (one of hf-daily-api, hf-daily-page, arxiv-rss, arxiv-api, "
                        + "arxiv-listing, url)",
                e.getMessage());
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = dir.resolve("nope.txt");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SourceList.of(missing, List.of()));
        assertEquals("cannot read sources file " + missing + ": " + missing, e.getMessage());
    }

    @Test
    void theWrittenListReadsBackAsTheSameSources() throws IOException {
        List<Source> sources = List.of(
                Source.parse("arxiv-api,https://export.arxiv.org/api/query?search_query=cat:cs.CL,every=6h"),
                Source.parse("url,https://example.org/a.html,every=90s"));
        assertEquals(sources, SourceList.read(file(SourceList.format(sources))));
    }
}
