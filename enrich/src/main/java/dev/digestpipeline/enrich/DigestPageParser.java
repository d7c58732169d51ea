package dev.digestpipeline.enrich;

import java.util.List;

/** Reads the papers of one page format. Implementations never let an exception other than their own escape. */
public interface DigestPageParser {
    List<ParsedPaper> parse(PageContent page) throws UnparseablePageException;
}
