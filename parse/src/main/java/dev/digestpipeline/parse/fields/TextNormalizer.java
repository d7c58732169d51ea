package dev.digestpipeline.parse.fields;

import org.jsoup.parser.Parser;

/** Normalises titles and abstracts: entities decoded, every run of whitespace folded to one space. */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String decoded = raw.indexOf('&') >= 0 ? Parser.unescapeEntities(raw, false) : raw;
        StringBuilder out = new StringBuilder(decoded.length());
        boolean space = false;
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = true;
            } else {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }
}
