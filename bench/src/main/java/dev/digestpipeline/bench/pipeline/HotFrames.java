package dev.digestpipeline.bench.pipeline;

import dev.digestpipeline.common.SuppressForbidden;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went: the methods on top of the stack (self time), and the share of samples
 * that pass through each of a few parts of the code (total time). JDK 17's {@code jfr} tool has no such view.
 */
@SuppressForbidden(reason = "jdk.jfr is the JDK's supported API for reading recordings, in every OpenJDK since 11")
final class HotFrames {
    /** Parts of the code whose total share guides the topology's tuning. */
    static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("parse (dev.digestpipeline.parse)", "dev.digestpipeline.parse.");
        PARTS.put("tag (dev.digestpipeline.tagging)", "dev.digestpipeline.tagging.");
        // the processor forwards from inside process(): its share includes the sinks and trends it feeds
        PARTS.put("merge and what it forwards (PaperMergeProcessor)", "dev.digestpipeline.enrich.merge.PaperMerge");
        PARTS.put("trends (dev.digestpipeline.enrich.trend)", "dev.digestpipeline.enrich.trend.");
        PARTS.put("record caches", "org.apache.kafka.streams.state.internals.ThreadCache");
        PARTS.put("RocksDB", "org.rocksdb.");
        PARTS.put("Avro", "org.apache.avro.");
        PARTS.put("registry serde (dev.digestpipeline.common.registry)", "dev.digestpipeline.common.registry.");
        PARTS.put("Kafka producer", "org.apache.kafka.clients.producer.");
        PARTS.put("Kafka consumer", "org.apache.kafka.clients.consumer.");
    }

    private HotFrames() {}

    /** The report: samples in all, the top methods by self time, then each part's total share. */
    static List<String> report(Path recording, int top) throws IOException {
        return report(recording, top, Instant.MIN, Instant.MAX);
    }

    /** The same of the samples taken from {@code from} to {@code to}; the heap over the whole recording. */
    static List<String> report(Path recording, int top, Instant from, Instant to) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> parts = new LinkedHashMap<>();
        long samples = 0;
        long peakHeap = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.GCHeapSummary")
                        && "After GC".equals(event.getString("when"))) {
                    peakHeap = Math.max(peakHeap, event.getLong("heapUsed"));
                    continue;
                }
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStartTime().isBefore(from)
                        || event.getStartTime().isAfter(to)
                        || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                self.merge(name(frames.get(0)), 1L, Long::sum);
                PARTS.forEach((part, prefix) -> {
                    if (frames.stream().anyMatch(f -> name(f).startsWith(prefix))) {
                        parts.merge(part, 1L, Long::sum);
                    }
                });
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(samples + " CPU samples; top methods by self time:");
        long all = Math.max(samples, 1);
        self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> lines.add(
                        String.format(Locale.ROOT, "  %5.1f %%  %s", 100.0 * e.getValue() / all, e.getKey())));
        lines.add("share of samples through each part (total time):");
        PARTS.keySet()
                .forEach(part -> lines.add(String.format(
                        Locale.ROOT, "  %5.1f %%  %s", 100.0 * parts.getOrDefault(part, 0L) / all, part)));
        // live data: what is left after a collection, not the garbage between collections
        lines.add(String.format(
                Locale.ROOT, "heap used after GC, at most (the whole run): %.0f MB", peakHeap / 1048576.0));
        return lines;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
