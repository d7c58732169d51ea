package dev.digestpipeline.common.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one app, in the order its help lists them, and the switches it takes besides ({@code --help}).
 * Generates the app's {@code --help} text and its settings table in the README.
 */
public final class SettingSet {
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, String> switches = new LinkedHashMap<>();

    private SettingSet() {}

    public static SettingSet of(Setting... settings) {
        SettingSet set = new SettingSet();
        for (Setting s : settings) {
            if (set.settings.put(s.name(), s) != null) {
                throw new IllegalArgumentException("setting '" + s.name() + "' is declared twice");
            }
        }
        set.switches.put("help", "print this text and exit");
        return set;
    }

    /** The same settings with one more switch (a flag without a value that the app acts on). */
    public SettingSet withSwitch(String name, String doc) {
        SettingSet copy = new SettingSet();
        copy.settings.putAll(settings);
        copy.switches.putAll(switches);
        copy.switches.put(name, doc);
        return copy;
    }

    public List<Setting> all() {
        return List.copyOf(settings.values());
    }

    public Optional<Setting> find(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public boolean isSwitch(String name) {
        return switches.containsKey(name);
    }

    Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        settings.values().forEach(s -> defaults.put(s.name(), s.defaultValue() == null ? "" : s.defaultValue()));
        return defaults;
    }

    /** The options part of {@code --help}: every setting with its default, then the shared ones, then switches. */
    public String help() {
        List<String[]> rows = new ArrayList<>();
        for (Setting s : settings.values()) {
            String shown = s.shownDefault();
            rows.add(new String[] {
                "--" + s.name() + "=" + s.type().placeholder(),
                s.doc() + (shown.equals(Setting.NO_DEFAULT) ? "" : " (default " + shown + ")")
            });
        }
        rows.add(new String[] {
            "--kafka.PROPERTY=VALUE",
            "any Kafka client property, e.g. --kafka.security.protocol=SASL_SSL (environment: DIGEST_KAFKA_SECURITY_PROTOCOL)"
        });
        rows.add(
                new String[] {"--config=FILE", "a properties file with any of the above (environment: DIGEST_CONFIG)"});
        switches.forEach((name, doc) -> rows.add(new String[] {"--" + name, doc}));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder(
                "Options (each also DIGEST_<NAME> in the environment, dots as underscores, or a line in --config FILE):\n");
        for (String[] row : rows) {
            out.append("  ")
                    .append(row[0])
                    .append(" ".repeat(width - row[0].length()))
                    .append(row[1])
                    .append('\n');
        }
        return out.toString();
    }

    /** The README's table of these settings. */
    public String markdownTable() {
        StringBuilder out =
                new StringBuilder("| setting | environment | default | what it sets |\n|---|---|---|---|\n");
        for (Setting s : settings.values()) {
            out.append("| `")
                    .append(s.name())
                    .append("` | `")
                    .append(s.envName())
                    .append("` | ")
                    .append(s.shownDefault().equals(Setting.NO_DEFAULT) ? "" : "`" + s.shownDefault() + "`")
                    .append(" | ")
                    .append(s.doc().replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }
}
