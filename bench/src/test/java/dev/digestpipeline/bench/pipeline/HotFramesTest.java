package dev.digestpipeline.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.common.SuppressForbidden;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressForbidden(reason = "records a JFR file to read back, as enrich's recording is read")
class HotFramesTest {
    @Test
    void aMethodThatBurnsTheCpuIsOnTopOfTheReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spin.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            assertTrue(spin(1500) != 0);
            recording.stop();
            recording.dump(file);
        }
        List<String> report = HotFrames.report(file, 3);
        assertTrue(report.get(0).endsWith(" CPU samples; top methods by self time:"), report.get(0));
        assertTrue(report.get(1).endsWith("dev.digestpipeline.bench.pipeline.HotFramesTest.spin"), report.toString());
        // at most 3 methods (how many distinct ones were sampled varies), then every part
        int parts = report.indexOf("share of samples through each part (total time):");
        assertTrue(parts >= 2 && parts <= 4, report.toString());
        assertEquals(parts + 1 + HotFrames.PARTS.size() + 1, report.size());
    }

    @Test
    void samplesOutsideTheWindowAreLeftOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spin.jfr");
        Instant before;
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            before = Instant.now();
            assertTrue(spin(500) != 0);
            recording.stop();
            recording.dump(file);
        }
        assertEquals(
                "0 CPU samples; top methods by self time:",
                HotFrames.report(file, 3, Instant.MIN, before.minusSeconds(1)).get(0));
        assertTrue(HotFrames.report(file, 3, before, Instant.MAX).get(1).endsWith("HotFramesTest.spin"));
    }

    @Test
    void liveHeapAfterACollectionEndsTheReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gc.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            System.gc();
            recording.stop();
            recording.dump(file);
        }
        List<String> report = HotFrames.report(file, 3);
        String last = report.get(report.size() - 1);
        assertTrue(last.matches("heap used after GC, at most \\(the whole run\\): [1-9][0-9]* MB"), last);
    }

    /** Burns the CPU for the time; the result is used so the loop is not optimised away. */
    private static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x | 1;
    }
}
