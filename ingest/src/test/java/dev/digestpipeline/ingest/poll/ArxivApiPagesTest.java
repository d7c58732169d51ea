package dev.digestpipeline.ingest.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArxivApiPagesTest {
    private static final URI QUERY = URI.create("https://export.arxiv.org/api/query?search_query=cat:cs.CL");

    @Test
    void theFirstPageKeepsThePageSizeTheQueryAsks() {
        URI asked = URI.create("https://export.arxiv.org/api/query?search_query=all:llm&max_results=500");
        assertEquals(
                URI.create("https://export.arxiv.org/api/query?search_query=all:llm&max_results=500&start=0"),
                ArxivApiPages.first(asked));
    }

    @Test
    void aFullPageIsFollowedByTheNext() {
        URI first = ArxivApiPages.first(QUERY);
        assertEquals(
                Optional.of(URI.create(
                        "https://export.arxiv.org/api/query?search_query=cat:cs.CL&start=100&max_results=100")),
                ArxivApiPages.next(first, 100));
    }

    @Test
    void aShortPageIsTheLast() {
        assertEquals(Optional.empty(), ArxivApiPages.next(ArxivApiPages.first(QUERY), 99));
    }

    @Test
    void pagingStopsAtFiftyPagesInOnePoll() {
        URI page49 = URI.create("https://export.arxiv.org/api/query?search_query=x&start=4900&max_results=100");
        assertEquals(Optional.empty(), ArxivApiPages.next(page49, 100));
        URI page48 = URI.create("https://export.arxiv.org/api/query?search_query=x&start=4800&max_results=100");
        assertTrue(ArxivApiPages.next(page48, 100).isPresent());
    }

    @Test
    void onlyThePageAtStartZeroIsTheFirst() {
        assertTrue(ArxivApiPages.isFirst(ArxivApiPages.first(QUERY)));
        assertFalse(ArxivApiPages.isFirst(
                ArxivApiPages.next(ArxivApiPages.first(QUERY), 100).orElseThrow()));
    }
}
