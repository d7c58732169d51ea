package dev.digestpipeline.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperDocumentTest {
    @Test
    void everyFieldOfThePaperIsInTheDocument() {
        Paper paper = Paper.newBuilder()
                .setPaperId("2508.14567").setArxivId("2508.14567")
                .setTitle("Agents That Use Tools: A Benchmark").setAbstract$("We introduce a benchmark.")
                .setAuthors(List.of("Ada Lovelace", "Alan Turing"))
                .setDigestDate(LocalDate.of(2025, 8, 20)).setPublishedAt(Instant.parse("2025-08-19T17:59:01Z"))
                .setSourcePages(List.of("https://huggingface.co/api/daily_papers"))
                .setLinks(List.of(new Link("code", "https://github.com/example/tool-bench"),
                        new Link("paper", "https://arxiv.org/abs/2508.14567")))
                .setUpvotes(42)
                .setTags(List.of(new Tag("agents", 6.0), new Tag("evaluation", 1.5)))
                .setParsedAt(Instant.parse("2025-08-21T08:00:00Z"))
                .build();
        assertEquals(new PaperDocument("2508.14567", "2508.14567", "Agents That Use Tools: A Benchmark",
                "We introduce a benchmark.", List.of("Ada Lovelace", "Alan Turing"), "2025-08-20",
                "2025-08-19T17:59:01Z", List.of("https://huggingface.co/api/daily_papers"),
                List.of(new PaperDocument.LinkField("code", "https://github.com/example/tool-bench"),
                        new PaperDocument.LinkField("paper", "https://arxiv.org/abs/2508.14567")),
                List.of("code", "paper"), 42, List.of("agents", "evaluation"),
                List.of(new PaperDocument.TagScore("agents", 6.0), new PaperDocument.TagScore("evaluation", 1.5)),
                "2025-08-21T08:00:00Z"), PaperDocument.of(paper));
    }
}
