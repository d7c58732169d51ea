package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.PolledPage;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageFormatDetector;
import dev.digestpipeline.parse.UnparseablePageException;
import java.time.Instant;

/**
 * How many papers a polled page holds, read with enrich's own parsers: the poller reports it per source, and an
 * arXiv API source pages on while a page is full. A page the parsers cannot read counts -1; enrich dead-letters it.
 */
final class PaperCounter {
    private PaperCounter() {}

    static int count(PolledPage page) {
        PageContent content =
                new PageContent(page.finalUri().toString(), page.contentType(), Instant.EPOCH, page.body());
        try {
            return PageFormatDetector.detect(page.source().kind().pageFormat(), content)
                    .parser()
                    .parse(content)
                    .papers()
                    .size();
        } catch (UnparseablePageException | RuntimeException e) {
            return -1;
        }
    }
}
