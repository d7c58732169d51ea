package dev.digestpipeline.ingest.poll;

import java.net.URI;
import java.util.Optional;

/**
 * The pages of an arXiv API query: {@code start} and {@code max_results} slice the results, and the next page is
 * asked for while a page comes back full. The API's terms allow up to 2,000 results a call; 100 is asked by default.
 */
final class ArxivApiPages {
    static final int DEFAULT_PAGE_SIZE = 100;
    /** A query is paged this far at most in one poll, so that a query matching everything cannot run for ever. */
    static final int MAX_PAGES = 50;

    private ArxivApiPages() {}

    /** The first page of the query: start=0 unless the URL says where, max_results as given or 100. */
    static URI first(URI query) {
        URI url = QueryParams.get(query, "start").isPresent() ? query : QueryParams.with(query, "start", "0");
        return QueryParams.get(url, "max_results").isPresent()
                ? url
                : QueryParams.with(url, "max_results", Integer.toString(DEFAULT_PAGE_SIZE));
    }

    /** The page after this one when this one was full (it held max_results papers), within {@link #MAX_PAGES}. */
    static Optional<URI> next(URI page, int papers) {
        int start = number(page, "start", 0);
        int size = number(page, "max_results", DEFAULT_PAGE_SIZE);
        if (size <= 0 || papers < size || start / size + 1 >= MAX_PAGES) {
            return Optional.empty();
        }
        return Optional.of(QueryParams.with(page, "start", Integer.toString(start + size)));
    }

    /** Whether this is the query's first page, whose empty answer the API may give spuriously. */
    static boolean isFirst(URI page) {
        return number(page, "start", 0) == 0;
    }

    private static int number(URI url, String name, int otherwise) {
        try {
            return QueryParams.get(url, name).map(Integer::parseInt).orElse(otherwise);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
