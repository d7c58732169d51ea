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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Papers per second, on one thread, for the whole per-page work of enrich: detect the format, parse, derive ids,
 * links and facts, tag, build the Avro records. One operation is one paper (a 100-paper page per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnrichBenchmark {
    static final int PAPERS_PER_PAGE = 100;

    @Param({"hf-daily-text", "hf-daily-html", "hf-daily-api-json", "arxiv-listing-html", "arxiv-atom", "arxiv-rss"})
    public String format;

    private RawPage page;
    private PageEnricher enricher;

    @Setup
    public void setUp() {
        page = PageGenerator.page(format, PAPERS_PER_PAGE, 42);
        enricher = new PageEnricher(TopicTagger.bundled(), Clock.systemUTC());
    }

    @Benchmark
    @OperationsPerInvocation(PAPERS_PER_PAGE)
    public void papers(Blackhole out) throws UnparseablePageException {
        out.consume(enricher.enrich(page));
    }
}
