package dev.digestpipeline.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JVM's CPU time by kind of thread, read from Linux's {@code /proc/PID/task}: how much of a process's time its
 * work took, and how much the JIT compiler, the garbage collector and the Kafka producers' network threads. A thread
 * that ended between two readings takes its time with it, so {@link #minus} is only as good as the threads lasted.
 */
record ThreadCpu(Map<Kind, Duration> byKind) {
    /** Kinds of threads, told by the name the kernel keeps (the first 15 characters of the Java thread's). */
    enum Kind {
        WORK("the work (stream threads and the rest)"),
        PRODUCER_IO("Kafka producer I/O"),
        JIT("JIT compiler"),
        GC("garbage collector");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        static Kind of(String threadName) {
            if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
                return JIT;
            } else if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return GC;
            } else if (threadName.startsWith("kafka-producer-")) {
                return PRODUCER_IO;
            }
            return WORK;
        }
    }

    /** clock ticks per second of /proc's utime and stime: 100 on every Linux the JDK runs on */
    private static final long TICKS_PER_SECOND = 100;

    private static final Pattern SPACE = Pattern.compile(" +");

    ThreadCpu {
        byKind = Map.copyOf(byKind);
    }

    /** The process's threads' CPU time now, by kind; empty where there is no /proc (not Linux). */
    static ThreadCpu of(long pid) {
        Map<Kind, Duration> byKind = new EnumMap<>(Kind.class);
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadCpu(byKind);
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"), StandardCharsets.UTF_8);
                } catch (NoSuchFileException ended) {
                    continue;
                }
                Sample sample = parse(stat);
                byKind.merge(Kind.of(sample.name()), sample.cpu(), Duration::plus);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of process " + pid, e);
        }
        return new ThreadCpu(byKind);
    }

    /** A thread's name and CPU time (user and system) in a /proc/PID/task/TID/stat line. */
    record Sample(String name, Duration cpu) {}

    static Sample parse(String stat) {
        // "TID (NAME) STATE PPID ...": the name may hold spaces and parentheses, so it ends at the last ')'
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close);
        List<String> fields =
                SPACE.splitAsStream(stat.substring(close + 1).strip()).toList();
        // after the name: state is field 3, utime 14 and stime 15 (proc(5))
        long ticks = Long.parseLong(fields.get(14 - 3)) + Long.parseLong(fields.get(15 - 3));
        return new Sample(name, Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
    }

    /** What each kind used since {@code before}. */
    ThreadCpu minus(ThreadCpu before) {
        Map<Kind, Duration> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, get(kind).minus(before.get(kind)));
        }
        return new ThreadCpu(byKind);
    }

    Duration get(Kind kind) {
        return byKind.getOrDefault(kind, Duration.ZERO);
    }

    /** The kind's part of the total, 0 to 1. */
    double share(Kind kind) {
        long total = total().toNanos();
        return total == 0 ? 0 : (double) get(kind).toNanos() / total;
    }

    Duration total() {
        return byKind.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** "the work 9.10 CPU-s (70 %), Kafka producer I/O 2.50 CPU-s (19 %), ...", in {@link Kind} order. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            parts.add(String.format(
                    Locale.ROOT,
                    "%s %.2f CPU-s (%.0f %%)",
                    kind.description,
                    get(kind).toNanos() / 1e9,
                    100 * share(kind)));
        }
        return String.join(", ", parts);
    }
}
