package dev.digestpipeline.parse.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.ParsedPaper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivAbstractPageParserTest {
    private final ArxivAbstractPageParser parser = new ArxivAbstractPageParser();

    @Test
    void currentLayoutYieldsEveryFieldWithTheVersionFromTheDateline() throws Exception {
        assertEquals(
                List.of(ParsedPaper.builder("MoE-Lite: Sparse Mixture-of-Experts with LoRA")
                        .abstractText(
                                "We train an 8x7B mixture of experts with LoRA adapters using 2,400 H100 GPU hours. "
                                        + "Code: this https URL.")
                        .authors(List.of("Lin Wei", "Maria García"))
                        .arxiv("2508.14999")
                        .arxivVersion(3)
                        .primaryCategory("cs.LG")
                        .category("cs.CL")
                        .publishedAt(Instant.parse("2025-08-19T00:00:00Z"))
                        .link("paper", "https://arxiv.org/abs/2508.14999")
                        .link("pdf", "https://arxiv.org/pdf/2508.14999")
                        .link("code", "https://github.com/example/moe-lite")
                        .link("project", "https://moe-lite.github.io/")
                        .build()),
                parser.parse(Fixtures.page("arxiv-abs-current.html", "text/html"))
                        .papers());
    }

    @Test
    void oldLayoutWithoutCitationMetaReadsTheBody() throws Exception {
        assertEquals(
                List.of(ParsedPaper.builder(
                                "Radical-level Ideograph Encoder for RNN-based Sentiment Analysis of Chinese and Japanese")
                        .abstractText("The character vocabulary can be very large in non-alphabetic languages such as "
                                + "Chinese and Japanese.")
                        .authors(List.of("Yuanzhi Ke", "Masafumi Hagiwara"))
                        .arxiv("1708.03312")
                        .arxivVersion(2)
                        .primaryCategory("cs.CL")
                        .publishedAt(Instant.parse("2017-08-10T00:00:00Z"))
                        .link("paper", "https://arxiv.org/abs/1708.03312")
                        .link("pdf", "https://arxiv.org/pdf/1708.03312")
                        .build()),
                parser.parse(Fixtures.page("arxiv-abs-old.html", "text/html")).papers());
    }
}
