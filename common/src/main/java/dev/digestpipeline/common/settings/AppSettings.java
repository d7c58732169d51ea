package dev.digestpipeline.common.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Layered settings for an app: built-in defaults, then a properties file ({@code --config FILE} or DIGEST_CONFIG),
 * then environment variables (key {@code registry.url} is read from {@code DIGEST_REGISTRY_URL}), then
 * {@code --key=value} flags. Arguments that are not flags are kept as operands. Each app turns this into its own
 * typed, validated config object.
 *
 * <p>Settings named {@code kafka.<property>} go to the app's Kafka clients as they are (security, SASL, timeouts);
 * from the environment, {@code DIGEST_KAFKA_SECURITY_PROTOCOL} is {@code kafka.security.protocol}. An unknown flag
 * is an error; an unknown key in the file is reported by {@link #ignored()}, since one file may serve all apps.
 */
public final class AppSettings {
    /** The prefix of settings passed to the Kafka clients as they are. */
    public static final String KAFKA_PREFIX = "kafka.";

    private static final String KAFKA_ENV_PREFIX = "DIGEST_KAFKA_";
    /** The environment's name of {@code --config}. */
    public static final String CONFIG_VARIABLE = "DIGEST_CONFIG";
    /** The local stack's own variables (its broker's ports), not client properties. */
    private static final Set<String> STACK_VARIABLES = Set.of("DIGEST_KAFKA_PORT", "DIGEST_KAFKA_CONTROLLER_PORT");

    private final SettingSet declared;
    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<String> operands;
    private final List<String> ignored;

    private AppSettings(
            SettingSet declared,
            Map<String, String> values,
            Map<String, String> origins,
            List<String> operands,
            List<String> ignored) {
        this.declared = declared;
        this.values = values;
        this.origins = origins;
        this.operands = operands;
        this.ignored = ignored;
    }

    /**
     * Reads the app's settings from their layers and checks every value against its declaration.
     *
     * @throws IllegalArgumentException for a flag that is neither a setting nor a switch, or a value that is not
     *     of its setting's type or range
     */
    public static AppSettings load(String[] args, Map<String, String> env, SettingSet declared) {
        Map<String, String> defaults = declared.defaults();
        Map<String, String> values = new LinkedHashMap<>(defaults);
        Map<String, String> origins = new LinkedHashMap<>();
        defaults.keySet().forEach(k -> origins.put(k, "default"));
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    flags.put(body.substring(0, eq), body.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--") && takesValue(body, declared)) {
                    flags.put(body, args[++i]);
                } else {
                    flags.put(body, "true");
                }
            } else {
                operands.add(arg);
            }
        }
        String configFile = flags.getOrDefault("config", env.get(CONFIG_VARIABLE));
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(configFile))) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + configFile + ": " + e.getMessage());
            }
            file.stringPropertyNames().stream().sorted().forEach(k -> {
                if (known(k, declared)) {
                    values.put(k, file.getProperty(k).trim());
                    origins.put(k, configFile);
                } else {
                    ignored.add("setting '" + k + "' in " + configFile + " is not one of this app's; ignored"
                            + suggestion(k, defaults, ""));
                }
            });
        }
        for (String key : new ArrayList<>(values.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv.trim());
                origins.put(key, envName(key));
            }
        }
        env.forEach((name, value) -> {
            // Kafka property names are lower case and dotted, so the environment's underscores map back unambiguously
            if (name.startsWith(KAFKA_ENV_PREFIX)
                    && name.length() > KAFKA_ENV_PREFIX.length()
                    && !value.isBlank()
                    && !STACK_VARIABLES.contains(name)) {
                String key = KAFKA_PREFIX
                        + name.substring(KAFKA_ENV_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.');
                values.put(key, value.trim());
                origins.put(key, name);
            }
        });
        env.keySet().stream().sorted().forEach(name -> {
            if (name.startsWith("DIGEST_")
                    && !name.startsWith(KAFKA_ENV_PREFIX)
                    && !DigestVariables.known().contains(name)
                    && declared.all().stream().noneMatch(s -> s.envName().equals(name))) {
                ignored.add("environment variable " + name + " is not a setting of any app; ignored"
                        + nearest(name, DigestVariables.known()));
            }
        });
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            String k = flag.getKey();
            if (!known(k, declared)) {
                throw new IllegalArgumentException("unknown setting --" + k + suggestion(k, defaults, "--"));
            }
            values.put(k, flag.getValue());
            origins.put(k, "--" + k);
        }
        AppSettings settings = new AppSettings(declared, values, origins, operands, List.copyOf(ignored));
        settings.validate();
        return settings;
    }

    /** Every declared value is read once at load, so a bad one fails the start, not the first use. */
    private void validate() {
        for (Setting s : declared.all()) {
            if (optionalString(s.name()) == null) {
                continue;
            }
            switch (s.type()) {
                case INTEGER -> integer(s);
                case DURATION -> duration(s);
                case TEXT, PATH -> {}
            }
        }
    }

    private static boolean known(String key, SettingSet declared) {
        return declared.find(key).isPresent()
                || declared.isSwitch(key)
                || key.equals("config")
                || (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length());
    }

    /** " (did you mean --partitions?)" for a key a typo away from a setting, else "". */
    private static String suggestion(String key, Map<String, String> defaults, String dashes) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : defaults.keySet()) {
            int d = editDistance(key, candidate);
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + dashes + best + "?)";
    }

    /** " (did you mean DIGEST_BATCH_SIZE?)" for a variable a typo away from a known one, else "". */
    private static String nearest(String name, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : new java.util.TreeSet<>(known)) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A declared setting, a Kafka property or --config takes a value; a switch does not. */
    private static boolean takesValue(String flag, SettingSet declared) {
        return flag.equals("config")
                || flag.startsWith(KAFKA_PREFIX)
                || declared.find(flag).isPresent();
    }

    public static String envName(String key) {
        return "DIGEST_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Kafka client properties given as {@code kafka.<property>} settings, without the prefix. */
    public Map<String, String> kafka() {
        Map<String, String> kafka = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX)) {
                kafka.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return kafka;
    }

    /** Keys of the config file that are not this app's settings, each as a line to log. */
    public List<String> ignored() {
        return ignored;
    }

    public List<String> operands() {
        return operands;
    }

    /** Whether a switch such as {@code --help} was given. */
    public boolean flag(String switchName) {
        return Boolean.parseBoolean(values.getOrDefault(switchName, "false"));
    }

    /** The setting's value; an error saying how to give it when it has none. */
    public String text(Setting setting) {
        return string(setting.name());
    }

    /** The setting's value, or null when it is absent or blank. */
    public String optional(Setting setting) {
        return optionalString(setting.name());
    }

    /** A whole number within the setting's declared range. */
    public long integer(Setting setting) {
        return integer(setting.name(), setting.min(), setting.max());
    }

    public Duration duration(Setting setting) {
        return duration(setting.name());
    }

    /**
     * The setting as a path, or null when it is blank. {@code ${java.io.tmpdir}} and {@code ${user.name}} in it are
     * this JVM's, so one default serves every user and machine.
     */
    public Path path(Setting setting) {
        String value = optionalString(setting.name());
        if (value == null) {
            return null;
        }
        for (String property : List.of("java.io.tmpdir", "user.name")) {
            value = value.replace("${" + property + "}", System.getProperty(property));
        }
        return Path.of(value);
    }

    private String string(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' is required: pass --" + key + "=..., set "
                    + envName(key) + ", or put it in the --config file");
        }
        return value;
    }

    private String optionalString(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    private long integer(String key, long min, long max) {
        String value = string(key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(
                        describe(key) + " must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe(key) + " must be a whole number, not '" + value + "'");
        }
    }

    private Duration duration(String key) {
        String value = string(key);
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    describe(key) + " must be " + Durations.FORM + ", not '" + value + "'", e);
        }
    }

    /** Every setting with its origin, for a start-up log line. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ")
                .append(k)
                .append('=')
                .append(secret(k) ? "****" : v)
                .append(" (")
                .append(origins.getOrDefault(k, "?"))
                .append(')'));
        return out.toString();
    }

    /** Declared secrets, and Kafka passwords and JAAS configs, stay out of logs. */
    private boolean secret(String key) {
        if (declared.find(key).map(Setting::secret).orElse(false)) {
            return true;
        }
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("jaas")
                || k.contains("secret")
                || k.contains("api.key")
                || k.contains("token");
    }

    private String describe(String key) {
        return "setting '" + key + "' (from " + origins.getOrDefault(key, "?") + ")";
    }
}
