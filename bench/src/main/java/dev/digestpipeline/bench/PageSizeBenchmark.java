package dev.digestpipeline.bench;

import dev.digestpipeline.enrich.page.PageEnricher;
import dev.digestpipeline.parse.UnparseablePageException;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.tagging.TopicTagger;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Milliseconds per page as pages grow from 10 to 5,000 papers (about 15 KB to 7 MB): time per page divided by
 * papers should stay flat if parsing is linear in page size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PageSizeBenchmark {
    @Param({"hf-daily-text", "hf-daily-html", "arxiv-listing-html"})
    public String format;

    @Param({"10", "1000", "5000"})
    public int papers;

    private RawPage page;
    private PageEnricher enricher;

    @Setup
    public void setUp() {
        page = PageGenerator.page(format, papers, 7);
        enricher = new PageEnricher(TopicTagger.bundled(), Clock.systemUTC());
    }

    @Benchmark
    public void page(Blackhole out) throws UnparseablePageException {
        out.consume(enricher.enrich(page));
    }
}
