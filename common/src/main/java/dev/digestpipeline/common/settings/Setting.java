package dev.digestpipeline.common.settings;

import java.util.Locale;

/**
 * One setting, declared once: its name, type, default, range, documentation and whether its value is a secret.
 * Parsing, validation, {@code --help}, masking in logs and the README's settings tables all read this declaration.
 *
 * @param defaultValue the value when nothing sets it; blank for an optional setting with no value
 */
public record Setting(String name, Type type, String defaultValue, long min, long max, boolean secret, String doc) {
    /** What {@link #shownDefault()} gives for an optional setting with no default. */
    public static final String NO_DEFAULT = "(none)";

    /** How a value is read; the placeholder is what {@code --help} shows after the flag. */
    public enum Type {
        TEXT("VALUE"),
        INTEGER("N"),
        DURATION("DURATION"),
        PATH("PATH");

        private final String placeholder;

        Type(String placeholder) {
            this.placeholder = placeholder;
        }

        public String placeholder() {
            return placeholder;
        }
    }

    public Setting {
        if (name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a setting name is lower case and not blank: '" + name + "'");
        }
    }

    public static Setting text(String name, String defaultValue, String doc) {
        return new Setting(name, Type.TEXT, defaultValue, 0, 0, false, doc);
    }

    public static Setting integer(String name, long defaultValue, long min, long max, String doc) {
        return new Setting(name, Type.INTEGER, Long.toString(defaultValue), min, max, false, doc);
    }

    /** A duration such as 500ms, 30s, 5m, 6h or 7d; a bare number is milliseconds. */
    public static Setting duration(String name, String defaultValue, String doc) {
        return new Setting(name, Type.DURATION, defaultValue, 0, 0, false, doc);
    }

    public static Setting path(String name, String defaultValue, String doc) {
        return new Setting(name, Type.PATH, defaultValue, 0, 0, false, doc);
    }

    /** The same setting, its value masked wherever settings are printed. */
    public Setting asSecret() {
        return new Setting(name, type, defaultValue, min, max, true, doc);
    }

    /** The same setting with another default, for an app whose default differs (the sink's group id). */
    public Setting withDefault(String value) {
        return new Setting(name, type, value, min, max, secret, doc);
    }

    /** The environment variable that sets it: {@code registry.url} is {@code DIGEST_REGISTRY_URL}. */
    public String envName() {
        return AppSettings.envName(name);
    }

    /** The default as help and the README show it. */
    public String shownDefault() {
        if (defaultValue == null || defaultValue.isBlank()) {
            return NO_DEFAULT;
        }
        return secret ? "****" : defaultValue;
    }
}
