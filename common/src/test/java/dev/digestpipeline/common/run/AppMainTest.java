package dev.digestpipeline.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.common.settings.SettingSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A job's main through the launcher: help, usage errors and the job's own status. */
class AppMainTest {
    private static final Setting SIZE = Setting.integer("size", 3, 1, 10, "how many");
    private static final AppMain MAIN = new AppMain("demo-job", "Usage: demo-job [--size=N]\n", SettingSet.of(SIZE));

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final List<Long> ran = new ArrayList<>();

    private int run(String... args) {
        return MAIN.runJob(args, Map.of(), out, settings -> Optional.of(settings.integer(SIZE)), (size, settings) -> {
            ran.add(size);
            return size == 7 ? AppMain.FAILED : 0;
        });
    }

    @Test
    void helpPrintsTheUsageAndRunsNothing() {
        assertEquals(0, run("--help"));
        assertEquals("Usage: demo-job [--size=N]\n", printed.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), ran);
    }

    @Test
    void aSettingOutOfItsRangeIsAUsageErrorAndRunsNothing() {
        assertEquals(AppMain.USAGE_ERROR, run("--size=11"));
        assertEquals(List.of(), ran);
    }

    @Test
    void anUnknownSettingIsAUsageError() {
        assertEquals(AppMain.USAGE_ERROR, run("--sise=2"));
    }

    @Test
    void theJobRunsWithItsConfigurationAndItsStatusIsTheExitStatus() {
        assertEquals(0, run("--size=4"));
        assertEquals(AppMain.FAILED, run("--size=7"));
        assertEquals(List.of(4L, 7L), ran);
    }

    @Test
    void aConfigurationThatRefusesTheSettingsIsAUsageError() {
        int status = MAIN.runJob(
                new String[0],
                Map.of(),
                out,
                settings -> {
                    throw new IllegalArgumentException("name at least one page");
                },
                (config, settings) -> 0);
        assertEquals(AppMain.USAGE_ERROR, status);
    }

    @Test
    void aConfigurationThatDidItsWorkAtOnceEndsWithZero() {
        assertEquals(0, MAIN.runJob(new String[0], Map.of(), out, settings -> Optional.empty(), (c, s) -> 1));
    }
}
