package dev.digestpipeline.bench.pipeline;

import java.time.Duration;

/** Fetch to searchable, page by page of {@code perPage} new papers, at a fixed rate of new papers. */
record Latency(int rate, int pages, int perPage, Duration p50, Duration p99, Duration max) {}
