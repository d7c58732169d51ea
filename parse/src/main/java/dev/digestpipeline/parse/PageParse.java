package dev.digestpipeline.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * What a parser read from one page: the papers, in page order, and a reason for each entry it had to skip, so a
 * partly broken page still yields its good papers and the broken entries are reported, not lost.
 */
public record PageParse(List<ParsedPaper> papers, List<String> skipped) {
    public PageParse {
        papers = List.copyOf(papers);
        skipped = List.copyOf(skipped);
    }

    public static PageParse of(List<ParsedPaper> papers) {
        return new PageParse(papers, List.of());
    }

    /** Collects papers and skipped entries while a parser walks a page. */
    public static final class Collector {
        private final List<ParsedPaper> papers = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();

        public void add(ParsedPaper paper) {
            papers.add(paper);
        }

        public void skip(int position, String reason) {
            skipped.add("entry " + position + ": " + reason);
        }

        public PageParse result() {
            return new PageParse(papers, skipped);
        }
    }
}
