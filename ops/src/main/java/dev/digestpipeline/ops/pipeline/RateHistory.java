package dev.digestpipeline.ops.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Samples of one growing count (offsets, documents) over a bounded span, and the rate between them: the
 * throughput a stage had over the last minutes. A count that fell (a topic recreated, an index dropped) starts
 * the history again rather than showing a negative rate.
 */
public final class RateHistory {
    /** One rate: per second between the previous sample and this one, ending at {@code at}. */
    public record Point(Instant at, double perSecond) {}

    private record Sample(Instant at, long count) {}

    private final Duration span;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public RateHistory(Duration span) {
        this.span = span;
    }

    public synchronized void add(Instant at, long count) {
        Sample last = samples.peekLast();
        if (last != null && (count < last.count() || !at.isAfter(last.at()))) {
            if (count < last.count()) {
                samples.clear();
            } else {
                return;
            }
        }
        samples.addLast(new Sample(at, count));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(at.minus(span))) {
            samples.removeFirst();
        }
    }

    /** The rate between each pair of consecutive samples, oldest first. */
    public synchronized List<Point> points() {
        List<Point> points = new ArrayList<>();
        Sample previous = null;
        for (Sample s : samples) {
            if (previous != null) {
                points.add(new Point(s.at(), perSecond(previous, s)));
            }
            previous = s;
        }
        return points;
    }

    /** The rate over the last {@code window} (or over the whole history when shorter); 0 with fewer than 2 samples. */
    public synchronized double perSecond(Duration window) {
        Sample last = samples.peekLast();
        if (last == null) {
            return 0;
        }
        for (Sample s : samples) {
            if (!s.at().isBefore(last.at().minus(window))) {
                return s.at().equals(last.at()) ? 0 : perSecond(s, last);
            }
        }
        return 0;
    }

    /** The latest count, or -1 before the first sample. */
    public synchronized long latest() {
        Sample last = samples.peekLast();
        return last == null ? -1 : last.count();
    }

    private static double perSecond(Sample from, Sample to) {
        double seconds = Duration.between(from.at(), to.at()).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : (to.count() - from.count()) / seconds;
    }
}
