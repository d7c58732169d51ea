package dev.digestpipeline.enrich.trend;

import dev.digestpipeline.schemas.TagTrend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts distinct papers per window from the +1/-1 changes of {@link TrendPlacementProcessor}, in
 * {@value #COUNTS}, one entry per window. {@value #SCHEDULE} holds what is due, ordered by time: windows to close
 * ({@code close|millis|key}), windows to forget ({@code forget|millis|key}), and windows whose record is to be
 * sent ({@code send|key}). Every {@link TrendWindows#updateInterval()} of wall-clock time, the windows due by
 * stream time close or are forgotten, and each changed window is sent once, with its revision one higher: a
 * window that gained a thousand papers since the last send is one record, not a thousand. The marks are stores
 * with changelogs, so a change committed is sent even if enrich dies before the next send.
 */
public final class TrendCountProcessor implements Processor<String, Integer, String, TagTrend> {
    public static final String COUNTS = "trend-counts";
    public static final String SCHEDULE = "trend-schedule";

    private static final String CLOSE = "close|";
    private static final String FORGET = "forget|";
    private static final String SEND = "send|";

    private final TrendWindows windows;
    private final Runnable tooOld;
    private ProcessorContext<String, TagTrend> context;
    private KeyValueStore<String, TrendCount> counts;
    private KeyValueStore<String, String> schedule;

    /** {@code tooOld} is told of each change to a window already forgotten, which is not counted. */
    public TrendCountProcessor(TrendWindows windows, Runnable tooOld) {
        this.windows = windows;
        this.tooOld = tooOld;
    }

    @Override
    public void init(ProcessorContext<String, TagTrend> context) {
        this.context = context;
        this.counts = context.getStateStore(COUNTS);
        this.schedule = context.getStateStore(SCHEDULE);
        context.schedule(windows.updateInterval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> sendDue());
    }

    @Override
    public void process(Record<String, Integer> record) {
        TrendWindow window = TrendWindow.parse(record.key());
        long now = context.currentStreamTimeMs();
        if (windows.forgottenAt(window) <= now) {
            tooOld.run();
            return;
        }
        TrendCount count = counts.get(record.key());
        if (count == null) {
            count = TrendCount.NONE;
            schedule.put(at(FORGET, windows.forgottenAt(window), record.key()), "");
            if (windows.closesAt(window) > now) {
                schedule.put(at(CLOSE, windows.closesAt(window), record.key()), "");
            }
        }
        count = count.plus(record.value());
        if (!count.closed() && windows.closesAt(window) <= now) {
            // a late page about a window not yet closed by the schedule: it closes with this change
            schedule.delete(at(CLOSE, windows.closesAt(window), record.key()));
            count = count.closedNow();
        }
        counts.put(record.key(), count);
        schedule.put(SEND + record.key(), "");
    }

    /** Closes and forgets the windows due by stream time, then sends every window changed since the last send. */
    private void sendDue() {
        long now = context.currentStreamTimeMs();
        if (now < 0) {
            return; // nothing read yet
        }
        forEachDue(CLOSE, now, key -> {
            TrendCount count = counts.get(key);
            if (count != null && !count.closed()) {
                counts.put(key, count.closedNow());
                schedule.put(SEND + key, "");
            }
        });
        forEachDue(FORGET, now, key -> {
            counts.delete(key);
            schedule.put(SEND + key, "");
        });
        for (String key : keys(SEND, SEND + Character.MAX_VALUE)) {
            schedule.delete(key);
            String windowKey = key.substring(SEND.length());
            TrendCount count = counts.get(windowKey);
            if (count == null) {
                // forgotten: the tombstone lets the compacted topic forget it too
                context.forward(new Record<>(windowKey, null, now));
                continue;
            }
            TrendCount sent = count.sent();
            counts.put(windowKey, sent);
            context.forward(new Record<>(windowKey, trend(TrendWindow.parse(windowKey), sent), now));
        }
    }

    private void forEachDue(String prefix, long now, Consumer<String> action) {
        // '~' sorts after the digits and '|' of every entry due by now
        for (String entry : keys(prefix, prefix + millis(now) + "~")) {
            schedule.delete(entry);
            action.accept(entry.substring(entry.indexOf('|', prefix.length()) + 1));
        }
    }

    /** The schedule's keys in [from, to], read before any is changed. */
    private List<String> keys(String from, String to) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = schedule.range(from, to)) {
            entries.forEachRemaining((KeyValue<String, String> entry) -> keys.add(entry.key));
        }
        return keys;
    }

    private static String at(String prefix, long millis, String key) {
        return prefix + millis(millis) + "|" + key;
    }

    /** Zero-padded, so the schedule's byte order is time order. */
    private static String millis(long millis) {
        return String.format(Locale.ROOT, "%019d", Math.max(0, millis));
    }

    private static TagTrend trend(TrendWindow window, TrendCount count) {
        return TagTrend.newBuilder()
                .setTag(window.tag())
                .setGranularity(window.granularity().label())
                .setWindowStart(window.start())
                .setWindowEnd(window.end())
                .setDistinctPapers(count.papers())
                .setFinal$(count.closed())
                .setRevision(count.revision())
                .build();
    }
}
