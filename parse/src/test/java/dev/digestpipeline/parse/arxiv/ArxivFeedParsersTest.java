package dev.digestpipeline.parse.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.ParsedPaper;
import dev.digestpipeline.parse.UnparseablePageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** arXiv's Atom (API answers, rss.arxiv.org/atom) and RSS (rss.arxiv.org/rss, old RSS 1.0) feeds. */
class ArxivFeedParsersTest {
    private static final LocalDate AUG_20 = LocalDate.of(2025, 8, 20);

    private static PageParse atom(String fixture) throws UnparseablePageException {
        return new ArxivAtomParser().parse(Fixtures.page(fixture, "application/atom+xml"));
    }

    private static PageParse rss(String fixture) throws UnparseablePageException {
        return new ArxivRssParser().parse(Fixtures.page(fixture, "application/rss+xml"));
    }

    @Test
    void legacyApiAnswerYieldsEveryFieldWithVersionsAndOldStyleIds() throws Exception {
        assertEquals(
                List.of(
                        ParsedPaper.builder(
                                        "Radical-level Ideograph Encoder for RNN-based Sentiment Analysis of Chinese and Japanese")
                                .abstractText(
                                        "The character vocabulary can be very large in non-alphabetic languages such "
                                                + "as Chinese & Japanese. Code: https://github.com/ke/radical-encoder.")
                                .authors(List.of("Yuanzhi Ke", "Masafumi Hagiwara"))
                                .arxiv("1708.03312v2")
                                .primaryCategory("cs.CL")
                                .category("cs.LG")
                                .publishedAt(Instant.parse("2017-08-10T17:46:28Z"))
                                .link("paper", "http://arxiv.org/abs/1708.03312v2")
                                .link("pdf", "http://arxiv.org/pdf/1708.03312v2")
                                .build(),
                        ParsedPaper.builder("An Old-Style Identifier")
                                .abstractText("A paper from before 2007.")
                                .authors(List.of("A. Author"))
                                .arxiv("cs/0112017v1")
                                .primaryCategory("cs.AI")
                                .publishedAt(Instant.parse("2001-12-20T00:00:00Z"))
                                .link("paper", "http://arxiv.org/abs/cs/0112017v1")
                                .build()),
                atom("arxiv-api-legacy.xml").papers());
    }

    @Test
    void currentApiAnswerWithRootNamespacesYieldsEveryField() throws Exception {
        assertEquals(
                List.of(ParsedPaper.builder("MoE-Lite: Sparse Mixture-of-Experts with LoRA for 8x7B Models")
                        .abstractText(
                                "We train an 8x7B mixture of experts with LoRA adapters using 2,400 H100 GPU "
                                        + "hours and a context length of 32K. Weights: https://huggingface.co/example/moe-lite.")
                        .authors(List.of("Lin Wei", "Maria García"))
                        .arxiv("2508.14999v3")
                        .primaryCategory("cs.LG")
                        .category("cs.CL")
                        .publishedAt(Instant.parse("2025-08-19T09:30:00Z"))
                        .link("paper", "https://arxiv.org/abs/2508.14999v3")
                        .link("pdf", "https://arxiv.org/pdf/2508.14999v3")
                        .build()),
                atom("arxiv-api-current.xml").papers());
    }

    @Test
    void rssAtomFeedKeepsAnnounceTypeAndDayAndSplitsTheCreatorLine() throws Exception {
        assertEquals(
                List.of(
                        ParsedPaper.builder("ALIGN: Word Association Learning for Cross-Cultural Generalization")
                                .abstractText(
                                        "We adapt Llama-3.1-8B and Qwen-2.5-7B to native speakers' word associations.")
                                .authors(List.of("Chunhua Liu", "Kabir Manandhar Shrestha", "Sukai Huang"))
                                .arxiv("2508.13426v1")
                                .category("cs.CL")
                                .category("cs.AI")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("cross")
                                .link("paper", "https://arxiv.org/abs/2508.13426")
                                .build(),
                        ParsedPaper.builder("Robots That Plan")
                                .abstractText("A robot plans grasping and manipulation with a language model.")
                                .authors(List.of("Ana Silva"))
                                .arxiv("2401.00001v2")
                                .category("cs.RO")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("replace")
                                .link("paper", "https://arxiv.org/abs/2401.00001")
                                .build()),
                atom("arxiv-rss-atom-cs.AI.xml").papers());
    }

    @Test
    void apiErrorAnswerIsADeadLetterReasonWithArxivsMessage() {
        PageContent page = new PageContent(
                "https://export.arxiv.org/api/query?id_list=bad",
                "application/atom+xml",
                Fixtures.FETCHED,
                ("<feed xmlns='http://www.w3.org/2005/Atom'><entry>"
                                + "<id>http://arxiv.org/api/errors#incorrect_id_format_for_bad</id><title>Error</title>"
                                + "<summary>incorrect id format for bad</summary></entry></feed>")
                        .getBytes(StandardCharsets.UTF_8));
        UnparseablePageException e =
                assertThrows(UnparseablePageException.class, () -> new ArxivAtomParser().parse(page));
        assertEquals("arXiv API answered with an error: incorrect id format for bad", e.getMessage());
    }

    @Test
    void rss2FeedYieldsEveryFieldWithAnnounceTypes() throws Exception {
        assertEquals(
                List.of(
                        ParsedPaper.builder("OptimalThinkingBench: Evaluating Over and Underthinking in LLMs")
                                .abstractText("Thinking LLMs solve complex tasks at the expense of increased compute.")
                                .authors(List.of("Pranjal Aggarwal", "Seungone Kim", "Sean Welleck"))
                                .arxiv("2508.13141v1")
                                .category("cs.CL")
                                .category("cs.AI")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("new")
                                .link("paper", "https://arxiv.org/abs/2508.13141")
                                .build(),
                        ParsedPaper.builder("Federated Learning at the Edge")
                                .abstractText("Federated learning across 1,000 clients.")
                                .authors(List.of("Bo Chen", "Dana Levi"))
                                .arxiv("2407.05555v3")
                                .category("cs.LG")
                                .category("cs.DC")
                                .digestDate(AUG_20)
                                .announcedOn(AUG_20)
                                .announceType("replace-cross")
                                .link("paper", "https://arxiv.org/abs/2407.05555")
                                .build()),
                rss("arxiv-rss2-cs.AI.xml").papers());
    }

    @Test
    void oldRss1FeedStripsTheTitleSuffixAndReadsEscapedHtml() throws Exception {
        LocalDate aug11 = LocalDate.of(2017, 8, 11);
        assertEquals(
                List.of(ParsedPaper.builder(
                                "Radical-level Ideograph Encoder for RNN-based Sentiment Analysis of Chinese and Japanese")
                        .abstractText("The character vocabulary can be very large.")
                        .authors(List.of("Yuanzhi Ke", "Masafumi Hagiwara"))
                        .arxiv("1708.03312v1")
                        .primaryCategory("cs.CL")
                        .digestDate(aug11)
                        .announcedOn(aug11)
                        .link("paper", "http://arxiv.org/abs/1708.03312")
                        .build()),
                rss("arxiv-rss1-cs.CL-old.xml").papers());
    }

    @Test
    void itemWithoutTitleIsSkippedWithItsReason() throws Exception {
        PageContent page = new PageContent(
                "https://rss.arxiv.org/rss/cs.AI",
                "application/rss+xml",
                Fixtures.FETCHED,
                ("<rss version='2.0'><channel><item><title>Kept</title><guid>oai:arXiv.org:2508.00001v1</guid></item>"
                                + "<item><link>https://arxiv.org/abs/2508.00002</link></item></channel></rss>")
                        .getBytes(StandardCharsets.UTF_8));
        PageParse parse = new ArxivRssParser().parse(page);
        assertEquals(
                List.of("2508.00001"),
                parse.papers().stream().map(ParsedPaper::arxivId).toList());
        assertEquals(
                List.of("entry 2: RSS item has no title (link https://arxiv.org/abs/2508.00002)"), parse.skipped());
    }
}
