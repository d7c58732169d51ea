package dev.digestpipeline.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void aStatLineGivesTheThreadsNameAndItsUserPlusSystemTime() {
        // a name with a space and a parenthesis, as "kafka-producer-network-thread | x" is cut to 15 characters
        String stat = "4242 (C2 Compiler) x) S 4200 4200 1 0 -1 4194368 9 0 0 0 250 37 0 0 20 0 40 0 1234 0 0";
        ThreadCpu.Sample sample = ThreadCpu.parse(stat);
        assertEquals("C2 Compiler) x", sample.name());
        assertEquals(Duration.ofMillis(2870), sample.cpu());
    }

    @Test
    void threadsAreToldApartByTheNamesTheKernelKeeps() {
        assertEquals(ThreadCpu.Kind.JIT, ThreadCpu.Kind.of("C2 CompilerThre"));
        assertEquals(ThreadCpu.Kind.JIT, ThreadCpu.Kind.of("C1 CompilerThre"));
        assertEquals(ThreadCpu.Kind.GC, ThreadCpu.Kind.of("GC Thread#1"));
        assertEquals(ThreadCpu.Kind.GC, ThreadCpu.Kind.of("G1 Conc#0"));
        assertEquals(ThreadCpu.Kind.PRODUCER_IO, ThreadCpu.Kind.of("kafka-producer-"));
        assertEquals(ThreadCpu.Kind.WORK, ThreadCpu.Kind.of("bench-x1-enrich"));
    }

    @Test
    void theDifferenceIsKindByKind() {
        ThreadCpu before = new ThreadCpu(Map.of(ThreadCpu.Kind.WORK, Duration.ofSeconds(1)));
        ThreadCpu after = new ThreadCpu(
                Map.of(ThreadCpu.Kind.WORK, Duration.ofSeconds(3), ThreadCpu.Kind.GC, Duration.ofMillis(500)));
        ThreadCpu used = after.minus(before);
        assertEquals(Duration.ofSeconds(2), used.get(ThreadCpu.Kind.WORK));
        assertEquals(Duration.ofMillis(500), used.get(ThreadCpu.Kind.GC));
        assertEquals(Duration.ZERO, used.get(ThreadCpu.Kind.JIT));
        assertEquals(Duration.ofMillis(2500), used.total());
    }

    @Test
    void thisJvmsOwnThreadsAddUpToNearItsProcessTime() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        long pid = ProcessHandle.current().pid();
        ThreadCpu now = ThreadCpu.of(pid);
        Duration process = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
        // threads that already ended took their time with them; a clock tick is 10 ms
        assertTrue(now.total().compareTo(process.plusMillis(100)) <= 0, now + " vs " + process);
        assertTrue(now.get(ThreadCpu.Kind.WORK).compareTo(Duration.ZERO) > 0, now.toString());
    }
}
