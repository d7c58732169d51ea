package dev.digestpipeline.enrich.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.digestpipeline.enrich.RawPages;
import dev.digestpipeline.parse.Fixtures;
import dev.digestpipeline.parse.PageFormat;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.parse.arxiv.ArxivIds;
import dev.digestpipeline.parse.arxiv.ArxivText;
import dev.digestpipeline.parse.fields.AbstractFacts;
import dev.digestpipeline.parse.fields.LinkClassifier;
import dev.digestpipeline.parse.fields.ShortNames;
import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.tagging.TopicTagger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, enrich answers with papers or with one precise reason; no other exception leaves a
 * parser. The timeouts guard against super-linear blow-ups (they are limits, not speed measurements; the JMH
 * benchmark measures speed).
 */
class ParserRobustnessTest {
    private static final List<String> FIXTURES = List.of(
            "daily-papers-2025-08-21.txt",
            "daily-papers-api.json",
            "daily-papers-2025-08-20.html",
            "daily-papers-cards.html",
            "arxiv-list-cs.CL-new.html",
            "arxiv-list-cs.LG-recent-old-layout.html",
            "arxiv-api-legacy.xml",
            "arxiv-api-current.xml",
            "arxiv-rss-atom-cs.AI.xml",
            "arxiv-rss2-cs.AI.xml",
            "arxiv-rss1-cs.CL-old.xml",
            "arxiv-abs-current.html",
            "arxiv-abs-old.html");
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final PageEnricher enricher =
            new PageEnricher(TopicTagger.bundled(), Clock.fixed(Instant.parse("2025-08-21T08:00:00Z"), ZoneOffset.UTC));

    /** Papers, or an UnparseablePageException with a non-blank reason; anything else fails the test. */
    private List<Paper> papersOrReason(byte[] bytes, String kind, String contentType) {
        RawPage raw = RawPages.rawPage("file:///fuzz", bytes, contentType);
        raw.setKind(kind);
        try {
            return enricher.enrich(raw).papers();
        } catch (UnparseablePageException e) {
            assertEquals(false, e.getMessage() == null || e.getMessage().isBlank(), "reason must be given");
            return List.of();
        }
    }

    @Property(tries = 300)
    void randomBytesGivePapersOrAReason(@ForAll @Size(max = 5000) byte[] bytes, @ForAll("kinds") String kind) {
        papersOrReason(bytes, kind, null);
    }

    @Property(tries = 300)
    void randomTextGivesPapersOrAReason(@ForAll @Size(max = 3000) String text, @ForAll("kinds") String kind) {
        papersOrReason(text.getBytes(StandardCharsets.UTF_8), kind, "text/plain; charset=utf-8");
    }

    @Property(tries = 400)
    void everyTruncationOfEveryFixtureGivesPapersOrAReason(
            @ForAll("fixtures") String fixture, @ForAll @IntRange(min = 0, max = 100) int percent) {
        byte[] whole = Fixtures.bytes(fixture);
        papersOrReason(Arrays.copyOf(whole, whole.length * percent / 100), null, null);
    }

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.of(
                        Arrays.stream(PageFormat.values()).map(PageFormat::kind).toArray(String[]::new))
                .injectNull(0.3);
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Test
    void deeplyNestedHtmlIsReadOrRefusedNotACrash() {
        String html = "<html><body><dl id='articles'>" + "<div>".repeat(200_000) + "</dl></body></html>";
        assertTimeoutPreemptively(
                GUARD, () -> papersOrReason(html.getBytes(StandardCharsets.UTF_8), null, "text/html"));
    }

    @Test
    void deeplyNestedJsonIsAReason() {
        String json = "[".repeat(100_000);
        UnparseablePageException e = assertThrows(
                UnparseablePageException.class,
                () -> enricher.enrich(RawPages.rawPage(
                        "file:///deep.json", json.getBytes(StandardCharsets.UTF_8), "application/json")));
        assertEquals(true, e.getMessage().startsWith("daily papers JSON is not valid JSON"), e.getMessage());
    }

    @Test
    void tenMegabyteTextPageYieldsAllItsPapers() {
        StringBuilder page = new StringBuilder("Aug 21\n\n");
        int papers = 0;
        while (page.length() < 10_000_000) {
            papers++;
            page.append("Paper number ")
                    .append(papers)
                    .append(": A Study\n\n")
                    .append("We train a 7B model with 128K tokens of context on images. ".repeat(30))
                    .append("\n\n");
        }
        int expected = papers;
        List<Paper> out = assertTimeoutPreemptively(
                GUARD, () -> papersOrReason(page.toString().getBytes(StandardCharsets.UTF_8), null, "text/plain"));
        assertEquals(expected, out.size());
    }

    @Test
    void tenMegabyteListingYieldsAllItsPapers() {
        StringBuilder page = new StringBuilder("<html><body><h3>New submissions</h3><dl id='articles'>");
        int papers = 0;
        while (page.length() < 10_000_000) {
            papers++;
            String id = String.format(Locale.ROOT, "2508.%05d", papers);
            page.append("<dt><a href='/abs/")
                    .append(id)
                    .append("' title='Abstract'>arXiv:")
                    .append(id)
                    .append("</a></dt><dd><div class='list-title'><span class='descriptor'>Title:</span> Paper ")
                    .append(papers)
                    .append("</div><p class='mathjax'>")
                    .append("Robots grasp objects seen by a camera. ".repeat(20))
                    .append("</p></dd>");
        }
        page.append("</dl></body></html>");
        int expected = papers;
        List<Paper> out = assertTimeoutPreemptively(
                GUARD, () -> papersOrReason(page.toString().getBytes(StandardCharsets.UTF_8), null, "text/html"));
        assertEquals(expected, out.size());
    }

    @Test
    void adversarialRunsForEveryPatternStayLinear() {
        String[] runs = {
            "1".repeat(1_000_000),
            "1.1.1.".repeat(200_000),
            " ".repeat(1_000_000) + "x",
            "(arXiv:".repeat(100_000),
            "https://a".repeat(100_000),
            "8B ".repeat(300_000),
            "1,000,000,".repeat(100_000),
            "context length of ".repeat(50_000),
            "Aug 2".repeat(200_000)
        };
        for (String run : runs) {
            assertTimeoutPreemptively(
                    GUARD,
                    () -> {
                        AbstractFacts.of(run);
                        LinkClassifier.linksIn(run);
                        ArxivIds.parse(run);
                        ArxivText.dayIn(run);
                        ArxivText.categoriesIn(run);
                        ShortNames.of(run);
                        TopicTagger.bundled().tag(run, run);
                    },
                    () -> "pattern blow-up on a run starting " + run.substring(0, 20));
        }
    }

    @Test
    void feedWithoutEntriesIsOneReason() {
        UnparseablePageException e = assertThrows(
                UnparseablePageException.class,
                () -> enricher.enrich(RawPages.rawPage(
                        "https://rss.arxiv.org/atom/cs.AI",
                        ("<?xml version='1.0'?><feed xmlns="
                                        + "'http://www.w3.org/2005/Atom'><title>cs.AI updates</title></feed>")
                                .getBytes(StandardCharsets.UTF_8),
                        null)));
        assertEquals("no papers found on the page (read as arxiv-atom)", e.getMessage());
    }

    @Test
    void samePaperTwiceOnAPageComesOutOnceAtItsFirstPosition() throws Exception {
        String json = "[{\"paper\":{\"id\":\"2508.00001v1\",\"title\":\"Same\"}},{\"paper\":{\"id\":\"2508.00002\","
                + "\"title\":\"Other\"}},{\"paper\":{\"id\":\"2508.00001v2\",\"title\":\"Same\"}}]";
        List<Paper> papers = enricher.enrich(
                        RawPages.rawPage("file:///d.json", json.getBytes(StandardCharsets.UTF_8), "application/json"))
                .papers();
        assertEquals(
                List.of("2508.00001", "2508.00002"),
                papers.stream().map(Paper::getPaperId).toList());
        assertEquals(1, papers.get(0).getSightings().get(0).getPosition());
    }

    @Test
    void charsetsDeclaredInTheContentTypeInTheDocumentOrNotAtAll() {
        String title = "Évaluation des modèles: une étude";
        String text = "Aug 21\n\n" + title + "\n\nRésumé.\n";
        Charset latin1 = StandardCharsets.ISO_8859_1;
        assertEquals(title, onlyTitle(text.getBytes(latin1), "text/plain; charset=ISO-8859-1"));
        assertEquals(title, onlyTitle(text.getBytes(Charset.forName("windows-1252")), "text/plain"));
        assertEquals(
                title,
                onlyTitle(
                        withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
                        null));
        assertEquals(
                title,
                onlyTitle(
                        withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)),
                        null));
        assertEquals(
                title,
                onlyTitle(
                        withBom(
                                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                                text.getBytes(StandardCharsets.UTF_8)),
                        null));
        String rss = "<?xml version='1.0' encoding='ISO-8859-1'?><rss version='2.0'><channel><item><title>" + title
                + "</title><guid>oai:arXiv.org:2508.00001v1</guid></item></channel></rss>";
        assertEquals(title, onlyTitle(rss.getBytes(latin1), null));
        String html =
                "<html><head><meta charset='iso-8859-1'></head><body><dl id='articles'><dt><a href='/abs/2508.00001'>"
                        + "arXiv:2508.00001</a></dt><dd><div class='list-title'>" + title
                        + "</div></dd></dl></body></html>";
        assertEquals(title, onlyTitle(html.getBytes(latin1), null));
    }

    @Test
    void textThatIsNotInItsDeclaredCharsetIsAReason() {
        byte[] latin1 = ("Aug 21\n\n" + "Été ".repeat(50) + "\n\nRésumé.\n").getBytes(StandardCharsets.ISO_8859_1);
        UnparseablePageException e = assertThrows(
                UnparseablePageException.class,
                () -> enricher.enrich(RawPages.rawPage("file:///x.txt", latin1, "text/plain; charset=utf-8")));
        assertEquals(
                "page is not text in UTF-8: 102 undecodable or control characters in the first 218", e.getMessage());
    }

    private String onlyTitle(byte[] bytes, String contentType) {
        List<Paper> papers = papersOrReason(bytes, null, contentType);
        assertEquals(1, papers.size(), "one paper expected");
        return papers.get(0).getTitle();
    }

    private static byte[] withBom(byte[] bom, byte[] body) {
        byte[] all = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }
}
