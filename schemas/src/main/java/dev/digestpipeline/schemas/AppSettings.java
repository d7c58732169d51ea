package dev.digestpipeline.schemas;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Layered settings for an app: built-in defaults, then a properties file ({@code --config FILE} or DIGEST_CONFIG),
 * then environment variables (key {@code registry.url} is read from {@code DIGEST_REGISTRY_URL}), then
 * {@code --key=value} flags. Arguments that are not flags are kept as operands. Each app turns this into its own
 * typed, validated config object.
 */
public final class AppSettings {
    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<String> operands;

    private AppSettings(Map<String, String> values, Map<String, String> origins, List<String> operands) {
        this.values = values;
        this.origins = origins;
        this.operands = operands;
    }

    public static AppSettings load(String[] args, Map<String, String> env, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        Map<String, String> origins = new LinkedHashMap<>();
        defaults.keySet().forEach(k -> origins.put(k, "default"));
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    flags.put(body.substring(0, eq), body.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--") && takesValue(body, defaults)) {
                    flags.put(body, args[++i]);
                } else {
                    flags.put(body, "true");
                }
            } else {
                operands.add(arg);
            }
        }
        String configFile = flags.getOrDefault("config", env.get("DIGEST_CONFIG"));
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(configFile))) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + configFile + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(k -> {
                values.put(k, file.getProperty(k).trim());
                origins.put(k, configFile);
            });
        }
        for (String key : new ArrayList<>(values.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv.trim());
                origins.put(key, envName(key));
            }
        }
        flags.forEach((k, v) -> {
            values.put(k, v);
            origins.put(k, "--" + k);
        });
        return new AppSettings(values, origins, operands);
    }

    private static boolean takesValue(String flag, Map<String, String> defaults) {
        return flag.equals("config") || defaults.containsKey(flag) && !isBooleanDefault(defaults.get(flag));
    }

    private static boolean isBooleanDefault(String value) {
        return "true".equals(value) || "false".equals(value);
    }

    public static String envName(String key) {
        return "DIGEST_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public List<String> operands() {
        return operands;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' is required: pass --" + key + "=..., set "
                    + envName(key) + ", or put it in the --config file");
        }
        return value;
    }

    /** The setting's value, or null when it is absent or blank. */
    public String optionalString(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    public int integer(String key, int min, int max) {
        String value = string(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(describe(key) + " must be between " + min + " and " + max
                        + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe(key) + " must be a whole number, not '" + value + "'");
        }
    }

    public Duration duration(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe(key) + " must be a duration like 500ms, 30s, 5m, 6h or 7d, not '"
                    + value + "'");
        }
    }

    /** Every setting with its origin, for a start-up log line. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append('=').append(v)
                .append(" (").append(origins.getOrDefault(k, "?")).append(')'));
        return out.toString();
    }

    private String describe(String key) {
        return "setting '" + key + "' (from " + origins.getOrDefault(key, "?") + ")";
    }

    /** Reads a whole properties file into a map; used by tests and by apps that pass settings through. */
    public static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
