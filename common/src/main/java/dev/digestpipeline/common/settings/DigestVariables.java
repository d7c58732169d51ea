package dev.digestpipeline.common.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code DIGEST_*} name that some app, the launcher or the local stack reads, from {@value #RESOURCE}: the
 * union of every app's settings, which no one app knows (the cli's DigestVariablesTest writes and checks the file).
 * An app warns about a name in its environment that is in none, with the nearest one: a typo would otherwise be
 * ignored without a word.
 */
public final class DigestVariables {
    static final String RESOURCE = "digest-variables.txt";
    private static final Set<String> KNOWN = load();

    private DigestVariables() {}

    public static Set<String> known() {
        return KNOWN;
    }

    private static Set<String> load() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = DigestVariables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Set.of();
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                lines.lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(names::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
