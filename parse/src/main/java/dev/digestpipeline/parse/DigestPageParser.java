package dev.digestpipeline.parse;

/**
 * Reads the papers of one page format. A page that cannot be read at all is an {@link UnparseablePageException}
 * with a precise reason; an entry that cannot be read is skipped with its reason in {@link PageParse#skipped()}.
 */
public interface DigestPageParser {
    PageParse parse(PageContent page) throws UnparseablePageException;
}
