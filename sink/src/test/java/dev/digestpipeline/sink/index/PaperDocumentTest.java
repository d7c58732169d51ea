package dev.digestpipeline.sink.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.schemas.Link;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Sighting;
import dev.digestpipeline.schemas.Tag;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PaperDocumentTest {
    @Test
    void everyFieldOfThePaperIsInTheDocument() {
        Paper paper = Paper.newBuilder()
                .setPaperId("2508.14567")
                .setArxivId("2508.14567")
                .setArxivVersion(2)
                .setTitle("ToolBench: Agents That Use Tools")
                .setShortName("ToolBench")
                .setAbstract$("We introduce a benchmark for an 8B agent.")
                .setAuthors(List.of("Ada Lovelace", "Alan Turing"))
                .setPrimaryCategory("cs.CL")
                .setCategories(List.of("cs.CL", "cs.AI"))
                .setDigestDate(LocalDate.of(2025, 8, 20))
                .setPublishedAt(Instant.parse("2025-08-19T17:59:01Z"))
                .setAnnouncedOn(LocalDate.of(2025, 8, 20))
                .setAnnounceType("new")
                .setSourcePages(List.of("https://huggingface.co/api/daily_papers"))
                .setSightings(List.of(new Sighting(
                        "https://huggingface.co/api/daily_papers",
                        3,
                        LocalDate.of(2025, 8, 20),
                        Instant.parse("2025-08-21T07:00:00Z"))))
                .setPageKind("hf-daily-api-json")
                .setLinks(List.of(
                        new Link("code", "https://github.com/example/tool-bench", "github.com/example/tool-bench"),
                        new Link("paper", "https://arxiv.org/abs/2508.14567", null)))
                .setUpvotes(42)
                .setCommentCount(3)
                .setTags(List.of(
                        new Tag("language", 10.0, List.of("category:cs.CL")),
                        new Tag("ml/benchmarks", 4.5, List.of("benchmark"))))
                .setModelSizes(List.of("8B"))
                .setComputeBudgets(List.of())
                .setContextLengths(List.of("128K tokens"))
                .setParsedAt(Instant.parse("2025-08-21T08:00:00Z"))
                .setRevision(4)
                .setAppearances(2)
                .setFirstSeenAt(Instant.parse("2025-08-20T07:00:00Z"))
                .setLastSeenAt(Instant.parse("2025-08-21T07:00:00Z"))
                .build();
        assertEquals(
                new PaperDocument(
                        "2508.14567",
                        "2508.14567",
                        2,
                        "ToolBench: Agents That Use Tools",
                        "ToolBench",
                        "We introduce a benchmark for an 8B agent.",
                        List.of("Ada Lovelace", "Alan Turing"),
                        "cs.CL",
                        List.of("cs.CL", "cs.AI"),
                        "2025-08-20",
                        "2025-08-19T17:59:01Z",
                        "2025-08-20",
                        "new",
                        List.of("https://huggingface.co/api/daily_papers"),
                        List.of(new PaperDocument.SightingField(
                                "https://huggingface.co/api/daily_papers", 3, "2025-08-20", "2025-08-21T07:00:00Z")),
                        "hf-daily-api-json",
                        List.of(
                                new PaperDocument.LinkField(
                                        "code",
                                        "https://github.com/example/tool-bench",
                                        "github.com/example/tool-bench"),
                                new PaperDocument.LinkField("paper", "https://arxiv.org/abs/2508.14567", null)),
                        List.of("code", "paper"),
                        List.of("github.com/example/tool-bench"),
                        42,
                        3,
                        List.of("language", "ml/benchmarks"),
                        List.of(
                                new PaperDocument.TagScore("language", 10.0, List.of("category:cs.CL")),
                                new PaperDocument.TagScore("ml/benchmarks", 4.5, List.of("benchmark"))),
                        List.of("8B"),
                        List.of(),
                        List.of("128K tokens"),
                        "2025-08-21T08:00:00Z",
                        4,
                        2,
                        "2025-08-20T07:00:00Z",
                        "2025-08-21T07:00:00Z"),
                PaperDocument.of(paper));
    }

    /** The document's name of an Avro field: the same, but for the Java keyword. */
    private static String documentField(String avroField) {
        return avroField.equals("abstract") ? "abstractText" : avroField;
    }

    @Test
    void everyFieldOfThePaperSchemaIsAFieldOfTheDocument() {
        Set<String> components = Arrays.stream(PaperDocument.class.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        List<String> missing = Paper.getClassSchema().getFields().stream()
                .map(f -> documentField(f.name()))
                .filter(name -> !components.contains(name))
                .toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFieldOfTheDocumentIsMapped() {
        Set<String> mapped = PaperIndex.mapping().properties().keySet();
        List<String> unmapped = Arrays.stream(PaperDocument.class.getRecordComponents())
                .map(RecordComponent::getName)
                .filter(name -> !mapped.contains(name))
                .toList();
        assertEquals(List.of(), unmapped);
    }
}
