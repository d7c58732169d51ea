package dev.digestpipeline.tagging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two-level topic taxonomy: areas (vision, language, ...) and topics under them (vision/generation), each
 * with weighted phrases, a minimum score, and for areas the arXiv categories that mean that area. Read from an
 * INI-style file (see the bundled taxonomy.ini); a user points enrich at their own with {@code taxonomy.file}.
 */
public record Taxonomy(double titleWeight, int maxAbstractCount, double minShareOfTop, List<Tag> tags) {
    public static final String BUNDLED = "taxonomy.ini";

    /** A phrase as written in the file, with the weight one match of it adds. */
    public record Phrase(String text, double weight) {}

    /** An area ("vision") or a topic ("vision/generation"). */
    public record Tag(String name, double minScore, List<Phrase> phrases, List<String> categories) {
        public boolean isArea() {
            return name.indexOf('/') < 0;
        }

        /** Whether this area is what the arXiv category means (exact code, or "archive.*"). */
        public boolean coversCategory(String category) {
            for (String c : categories) {
                if (c.equals(category)
                        || (c.endsWith(".*") && category.startsWith(c.substring(0, c.length() - 1)))
                        || (c.endsWith(".*") && category.equals(c.substring(0, c.length() - 2)))) {
                    return true;
                }
            }
            return false;
        }
    }

    public Taxonomy {
        tags = List.copyOf(tags);
    }

    public List<Tag> areas() {
        return tags.stream().filter(Tag::isArea).toList();
    }

    /**
     * The areas arXiv categories set, in category order, each once. A category means the first area (in file
     * order) that lists it, so "physics.med-ph" under medicine is not also science's "physics.*".
     */
    public List<String> areasOfCategories(List<String> categories) {
        List<String> areas = new ArrayList<>();
        for (String category : categories) {
            String area = areaOfCategory(category);
            if (area != null && !areas.contains(area)) {
                areas.add(area);
            }
        }
        return areas;
    }

    /** The area an arXiv category means: the first area listing it, or null when none does. */
    public String areaOfCategory(String category) {
        for (Tag area : areas()) {
            if (area.coversCategory(category)) {
                return area.name();
            }
        }
        return null;
    }

    /** The names of the areas, in file order. */
    public List<String> areaNames() {
        return areas().stream().map(Tag::name).toList();
    }

    public static Taxonomy bundled() {
        try (InputStream in = Taxonomy.class.getResourceAsStream("/" + BUNDLED)) {
            return read(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Taxonomy fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read taxonomy " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sections: {@code [settings]} (title-weight, max-abstract-count), {@code [area NAME]} and {@code [topic
     * AREA/NAME]} with min-score, categories (areas only, space-separated) and phrases (comma-separated, each
     * "phrase" or "phrase:weight"; the key may repeat and lines may continue with leading whitespace).
     */
    static Taxonomy read(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        double titleWeight = 2.0;
        int maxAbstractCount = 3;
        double minShareOfTop = 0;
        Map<String, TagBuilder> tags = new LinkedHashMap<>();
        TagBuilder current = null;
        boolean inSettings = false;
        String lastKey = null;
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String where = source + " line " + number + ": ";
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!trimmed.endsWith("]")) {
                    throw new IllegalArgumentException(where + "section header must end with ']'");
                }
                String[] header =
                        trimmed.substring(1, trimmed.length() - 1).strip().split("\\s+");
                lastKey = null;
                if (header.length == 1 && header[0].equals("settings")) {
                    inSettings = true;
                    current = null;
                    continue;
                }
                inSettings = false;
                current = section(header, tags, where);
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastKey != null && current != null) {
                current.set(lastKey, trimmed, where);
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + "expected 'key = value', found '" + trimmed + "'");
            }
            String key = trimmed.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = trimmed.substring(eq + 1).strip();
            if (inSettings) {
                switch (key) {
                    case "title-weight" -> titleWeight = number(value, where);
                    case "max-abstract-count" -> maxAbstractCount = (int) number(value, where);
                    case "min-share-of-top" -> minShareOfTop = number(value, where);
                    default ->
                        throw new IllegalArgumentException(where + "unknown setting '" + key
                                + "' (known: title-weight, max-abstract-count, min-share-of-top)");
                }
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(where + "'" + key + "' outside of an [area] or [topic] section");
            }
            current.set(key, value, where);
            lastKey = key;
        }
        List<Tag> built = new ArrayList<>();
        for (TagBuilder tag : tags.values()) {
            built.add(tag.build(source));
        }
        return new Taxonomy(titleWeight, maxAbstractCount, minShareOfTop, built);
    }

    private static TagBuilder section(String[] header, Map<String, TagBuilder> tags, String where) {
        if (header.length != 2 || !(header[0].equals("area") || header[0].equals("topic"))) {
            throw new IllegalArgumentException(where + "section must be [settings], [area NAME] or [topic AREA/NAME]");
        }
        String name = header[1].toLowerCase(Locale.ROOT);
        boolean topic = header[0].equals("topic");
        if (topic != (name.indexOf('/') > 0)) {
            throw new IllegalArgumentException(
                    where + (topic ? "a topic is named AREA/NAME" : "an area name has no '/'"));
        }
        if (topic && !tags.containsKey(name.substring(0, name.indexOf('/')))) {
            throw new IllegalArgumentException(where + "topic " + name + " comes before its area is declared");
        }
        if (tags.containsKey(name)) {
            throw new IllegalArgumentException(where + name + " is declared twice");
        }
        TagBuilder tag = new TagBuilder(name);
        tags.put(name, tag);
        return tag;
    }

    private static double number(String value, String where) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "'" + value + "' is not a number");
        }
    }

    private static final class TagBuilder {
        private final String name;
        private double minScore = 3.0;
        private final List<Phrase> phrases = new ArrayList<>();
        private final List<String> categories = new ArrayList<>();

        TagBuilder(String name) {
            this.name = name;
        }

        void set(String key, String value, String where) {
            switch (key) {
                case "min-score" -> minScore = number(value, where);
                case "categories" -> {
                    if (name.indexOf('/') > 0) {
                        throw new IllegalArgumentException(where + "categories belong to areas, not to topic " + name);
                    }
                    for (String c : value.split("\\s+", 0)) {
                        if (!c.isBlank()) {
                            categories.add(c);
                        }
                    }
                }
                case "phrases" -> {
                    for (String item : value.split(",", 0)) {
                        if (!item.isBlank()) {
                            phrases.add(phrase(item.strip(), where));
                        }
                    }
                }
                default ->
                    throw new IllegalArgumentException(
                            where + "unknown key '" + key + "' (known: min-score, categories, phrases)");
            }
        }

        private static Phrase phrase(String item, String where) {
            int colon = item.lastIndexOf(':');
            if (colon < 0) {
                return new Phrase(item, 1.0);
            }
            return new Phrase(
                    item.substring(0, colon).strip(),
                    number(item.substring(colon + 1).strip(), where));
        }

        Tag build(String source) {
            if (phrases.isEmpty() && categories.isEmpty()) {
                throw new IllegalArgumentException(source + ": " + name + " has neither phrases nor categories");
            }
            return new Tag(name, minScore, phrases, categories);
        }
    }
}
