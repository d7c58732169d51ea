package dev.digestpipeline.ingest.poll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources a poller polls: those of a sources file (one {@code KIND,URL[,every=DURATION]} per line, {@code #}
 * comments and blank lines skipped) and those given one by one, or else {@link #DEFAULTS}. A source named twice is
 * polled once, with the interval given last.
 */
public final class SourceList {
    /** Polled when no source is given: the Hugging Face daily papers and the arXiv RSS feeds of four AI fields. */
    public static final List<Source> DEFAULTS = List.of(
            Source.parse("hf-daily-api,https://huggingface.co/api/daily_papers"),
            Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.AI"),
            Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CL"),
            Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.CV"),
            Source.parse("arxiv-rss,https://rss.arxiv.org/rss/cs.LG"));

    private SourceList() {}

    /**
     * The sources of the file (null: none) followed by the specs; the defaults when both are empty.
     *
     * @throws IllegalArgumentException naming the file and line, or the spec, of a source that is not valid
     */
    public static List<Source> of(Path file, List<String> specs) {
        Map<String, Source> byId = new LinkedHashMap<>();
        if (file != null) {
            read(file).forEach(s -> byId.put(s.id(), s));
        }
        for (String spec : specs) {
            Source source = Source.parse(spec);
            byId.put(source.id(), source);
        }
        return byId.isEmpty() ? DEFAULTS : List.copyOf(byId.values());
    }

    /** The sources of a sources file, in its order. */
    public static List<Source> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read sources file " + file + ": " + e.getMessage(), e);
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                sources.add(Source.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return sources;
    }

    /** The README's list of the default sources, as a sources file says them. */
    public static String markdownDefaults() {
        return "```\n" + format(DEFAULTS) + "```\n";
    }

    /** The sources as a sources file says them, one per line. */
    public static String format(List<Source> sources) {
        StringBuilder out = new StringBuilder();
        for (Source source : sources) {
            out.append(source.spec()).append('\n');
        }
        return out.toString();
    }
}
