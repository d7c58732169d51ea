package dev.digestpipeline.bench.pipeline;

import java.time.Duration;

/**
 * One measured figure: what, how many in how long, and for the parts measured per core, the CPU time the process
 * doing the work spent meanwhile (zero when not measured).
 */
record Figure(String what, long papers, Duration took, Duration cpu) {
    Figure(String what, long papers, Duration took) {
        this(what, papers, took, Duration.ZERO);
    }

    double perSecond() {
        return papers / Math.max(took.toNanos() / 1e9, 1e-9);
    }

    /** Papers per CPU-second: per core, whatever number of threads the work ran on. */
    double perCpuSecond() {
        return papers / Math.max(cpu.toNanos() / 1e9, 1e-9);
    }
}
