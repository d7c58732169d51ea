package dev.digestpipeline.ingest.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void aSourceIsItsKindItsUrlAndItsInterval() {
        assertEquals(
                new Source(SourceKind.ARXIV_RSS, URI.create("https://rss.arxiv.org/rss/cs.CL"), Duration.ofMinutes(30)),
                Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CL,every=30m"));
    }

    @Test
    void withoutAnIntervalASourceIsPolledHourly() {
        assertEquals(
                Duration.ofHours(1),
                Source.parse("url,https://example.org/papers.html").every());
    }

    @Test
    void anUnknownKindNamesTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Source.parse("rss,https://example.org/feed"));
        assertEquals(
                "unknown source kind 'rss' (one of hf-daily-api, hf-daily-page, arxiv-rss, arxiv-api, arxiv-listing, url)",
                e.getMessage());
    }

    @Test
    void aSourceWithoutAnHttpUrlIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Source.parse("url,file:///etc/passwd"));
        assertEquals("a source's URL is an http(s) URL, not 'file:///etc/passwd'", e.getMessage());
    }

    @Test
    void aBadIntervalSaysWhatADurationLooksLike() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Source.parse("url,https://example.org/,every=often"));
        assertEquals("'often' is not a duration like 500ms, 30s, 5m, 6h or 7d", e.getMessage());
    }

    @Test
    void aUrlMayHoldCommas() {
        Source source =
                Source.parse("arxiv-api,https://export.arxiv.org/api/query?id_list=2511.00001,2511.00002,every=6h");
        assertEquals(
                "https://export.arxiv.org/api/query?id_list=2511.00001,2511.00002",
                source.url().toString());
        assertEquals(Duration.ofHours(6), source.every());
    }

    @Test
    void aSourceWithoutAUrlSaysTheForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Source.parse("arxiv-rss"));
        assertEquals("a source is KIND,URL[,every=DURATION], not 'arxiv-rss'", e.getMessage());
    }

    @Test
    void theDailyPapersApiPollsTodayAndYesterday() {
        assertEquals(
                List.of(
                        "https://huggingface.co/api/daily_papers?date=2026-11-27",
                        "https://huggingface.co/api/daily_papers?date=2026-11-26"),
                Source.parse("hf-daily-api,https://huggingface.co/api/daily_papers")
                        .targets(LocalDate.of(2026, 11, 27))
                        .stream()
                        .map(t -> t.url().toString())
                        .toList());
    }

    @Test
    void aDailyPapersApiUrlWithItsOwnDatePollsThatDay() {
        Source day = Source.parse("hf-daily-api,https://huggingface.co/api/daily_papers?date=2026-08-20&limit=50");
        assertEquals(List.of(Target.of(day)), day.targets(LocalDate.of(2026, 11, 27)));
    }

    @Test
    void anArxivApiQueryStartsAtItsFirstPageOfAHundred() {
        Source query = Source.parse("arxiv-api,https://export.arxiv.org/api/query?search_query=cat:cs.CL");
        assertEquals(
                URI.create("https://export.arxiv.org/api/query?search_query=cat:cs.CL&start=0&max_results=100"),
                query.targets(LocalDate.of(2026, 11, 27)).get(0).url());
    }

    @Test
    void aPlainSourcePollsItsUrlUnderItsOwnId() {
        Source feed = Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CL");
        List<Target> targets = feed.targets(LocalDate.of(2026, 11, 27));
        assertEquals(List.of(Target.of(feed)), targets);
        assertEquals(feed.id(), targets.get(0).id());
    }

    @Test
    void anArxivApiDayIsItsQueryNarrowedToPapersSubmittedThatDay() {
        Source query =
                Source.parse("arxiv-api,https://export.arxiv.org/api/query?search_query=cat:cs.CL&max_results=200");
        assertEquals(
                URI.create("https://export.arxiv.org/api/query?search_query=%28cat:cs.CL%29+AND+submittedDate:"
                        + "%5B202611200000+TO+202611202359%5D&max_results=200"),
                query.forDay(LocalDate.of(2026, 11, 20)).url());
    }
}
