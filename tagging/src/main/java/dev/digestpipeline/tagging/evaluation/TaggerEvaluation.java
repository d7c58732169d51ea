package dev.digestpipeline.tagging.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.digestpipeline.parse.arxiv.ArxivCategories;
import dev.digestpipeline.parse.hf.DailyPapersApiParser;
import dev.digestpipeline.tagging.Taxonomy;
import dev.digestpipeline.tagging.TopicTagger;
import dev.digestpipeline.tagging.learned.AreaModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Measures the tagger's area tags against arXiv categories: for each labelled paper the expected areas are those
 * its categories map to in the taxonomy, the predicted areas are the tagger's from title and abstract alone
 * (categories hidden). Prints precision, recall and F1 per area and micro-averaged. Only areas that have
 * categories in the taxonomy are judged.
 *
 * <pre>java -cp enrich-app.jar dev.digestpipeline.tagging.evaluation.TaggerEvaluation FILE [--taxonomy=FILE] [--errors=N]</pre>
 */
public final class TaggerEvaluation {
    /** A labelled paper. */
    public record Labelled(String id, String title, String abstractText, List<String> categories) {}

    /** Counts for one area. */
    public record AreaScore(String area, int expected, int predicted, int correct) {
        public double precision() {
            return predicted == 0 ? 0 : (double) correct / predicted;
        }

        public double recall() {
            return expected == 0 ? 0 : (double) correct / expected;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * Per-area scores, the micro-averaged total, the same over only the papers that have a category mapped to an
     * area (a paper with only catch-all categories such as cs.LG has no known area, so every area its text gives
     * it counts as wrong in the total), and the papers where prediction and expectation differ.
     */
    public record Report(
            int papers,
            List<AreaScore> areas,
            AreaScore micro,
            int mappedPapers,
            AreaScore mappedMicro,
            List<String> mistakes) {}

    private TaggerEvaluation() {}

    /**
     * Evaluates the taxonomy of {@code taxonomyFile} (null: the built-in one) alone, the learned model of
     * {@code modelFile} (null: the built-in one) alone, and the two combined, on a labelled JSONL or CSV file, and
     * prints their tables side by side, with up to {@code errors} mistakes of the combined tagger listed.
     */
    public static void run(Path file, Path taxonomyFile, Path modelFile, int errors, PrintStream out)
            throws IOException {
        Taxonomy taxonomy = taxonomyFile == null ? Taxonomy.bundled() : Taxonomy.fromFile(taxonomyFile);
        AreaModel model = modelFile == null ? AreaModel.bundled() : AreaModel.fromFile(modelFile);
        List<Labelled> papers = read(file);
        Map<String, Report> reports = sideBySide(taxonomy, model, papers);
        out.printf(
                Locale.ROOT,
                "%d labelled papers from %s (area tags from text only, categories hidden)%n",
                papers.size(),
                file);
        print(reports, out);
        out.printf(Locale.ROOT, "learned model: %s%n", model.description());
        out.print("calibrated thresholds:");
        for (String area : model.areas()) {
            out.printf(Locale.ROOT, " %s %.2f", area, model.threshold(area));
        }
        out.println();
        List<String> mistakes = reports.get("combined").mistakes();
        for (String mistake : mistakes.subList(0, Math.min(errors, mistakes.size()))) {
            out.println("  " + mistake);
        }
    }

    public static Report evaluate(TopicTagger tagger, List<Labelled> papers) {
        Taxonomy taxonomy = tagger.taxonomy();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Taxonomy.Tag area : taxonomy.areas()) {
            if (!area.categories().isEmpty()) {
                counts.put(area.name(), new int[3]);
            }
        }
        List<String> mistakes = new ArrayList<>();
        int[] mapped = new int[3];
        int mappedPapers = 0;
        for (Labelled paper : papers) {
            Set<String> expected = new HashSet<>(taxonomy.areasOfCategories(paper.categories()));
            Set<String> predicted = new HashSet<>();
            for (TopicTagger.ScoredTag tag : tagger.tag(paper.title(), paper.abstractText())) {
                if (counts.containsKey(tag.name())) {
                    predicted.add(tag.name());
                }
            }
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                boolean exp = expected.contains(e.getKey());
                boolean pred = predicted.contains(e.getKey());
                e.getValue()[0] += exp ? 1 : 0;
                e.getValue()[1] += pred ? 1 : 0;
                e.getValue()[2] += exp && pred ? 1 : 0;
            }
            if (!expected.isEmpty()) {
                mappedPapers++;
                mapped[0] += expected.size();
                mapped[1] += predicted.size();
                mapped[2] += (int) predicted.stream().filter(expected::contains).count();
            }
            if (!expected.equals(predicted)) {
                StringBuilder why = new StringBuilder();
                for (TopicTagger.ScoredTag s : tagger.scores(paper.title(), paper.abstractText())) {
                    if (expected.contains(s.name()) != predicted.contains(s.name())) {
                        why.append("\n      ")
                                .append(expected.contains(s.name()) ? "missed " : "wrong ")
                                .append(s.name())
                                .append(' ')
                                .append(s.score())
                                .append(' ')
                                .append(s.evidence());
                    }
                }
                mistakes.add(paper.id() + " " + paper.categories() + ": " + paper.title() + why);
            }
        }
        List<AreaScore> areas = new ArrayList<>();
        int[] total = new int[3];
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            areas.add(new AreaScore(e.getKey(), c[0], c[1], c[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        }
        return new Report(
                papers.size(),
                areas,
                new AreaScore("micro", total[0], total[1], total[2]),
                mappedPapers,
                new AreaScore("micro, mapped", mapped[0], mapped[1], mapped[2]),
                mistakes);
    }

    /** The taxonomy alone, the learned model alone, and the two combined, each evaluated on the papers. */
    public static Map<String, Report> sideBySide(Taxonomy taxonomy, AreaModel model, List<Labelled> papers) {
        Map<String, Report> reports = new LinkedHashMap<>();
        for (TopicTagger.AreaSource source : TopicTagger.AreaSource.values()) {
            reports.put(
                    source.name().toLowerCase(Locale.ROOT), evaluate(new TopicTagger(taxonomy, model, source), papers));
        }
        return reports;
    }

    /** The reports' tables side by side: precision, recall and F1 of each, per area and micro-averaged. */
    public static void print(Map<String, Report> reports, PrintStream out) {
        StringBuilder names = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s", "", ""));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s", "area", "expected"));
        for (String name : reports.keySet()) {
            names.append(String.format(Locale.ROOT, " | %-22s", name));
            header.append(String.format(Locale.ROOT, " | %6s %6s %7s", "P", "R", "F1"));
        }
        out.println(names.toString().stripTrailing());
        out.println(header);
        Report first = reports.values().iterator().next();
        for (int a = 0; a < first.areas().size(); a++) {
            int area = a;
            line(
                    out,
                    first.areas().get(a),
                    reports.values().stream().map(r -> r.areas().get(area)).toList());
        }
        line(out, first.micro(), reports.values().stream().map(Report::micro).toList());
        out.printf(
                Locale.ROOT,
                "the same over the %d papers that have a category mapped to an area:%n",
                first.mappedPapers());
        line(
                out,
                first.mappedMicro(),
                reports.values().stream().map(Report::mappedMicro).toList());
    }

    private static void line(PrintStream out, AreaScore expected, List<AreaScore> scores) {
        StringBuilder line =
                new StringBuilder(String.format(Locale.ROOT, "%-16s %8d", expected.area(), expected.expected()));
        for (AreaScore a : scores) {
            line.append(String.format(Locale.ROOT, " | %6.3f %6.3f %7.3f", a.precision(), a.recall(), a.f1()));
        }
        out.println(line);
    }

    /** JSONL (id, title, abstract, categories; gzipped when named .gz) or CSV (titles, summaries, terms), told by the file name. */
    public static List<Labelled> read(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return readCsv(file);
        }
        List<Labelled> papers = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                file.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
                        : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = DailyPapersApiParser.JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + number + " is not JSON: " + e.getMessage());
                }
                List<String> categories = new ArrayList<>();
                node.path("categories").forEach(c -> categories.add(c.asText()));
                papers.add(new Labelled(
                        node.path("id").asText("line " + number),
                        node.path("title").asText(""),
                        node.path("abstract").asText(node.path("summary").asText("")),
                        categories));
            }
        }
        return papers;
    }

    private static List<Labelled> readCsv(Path file) throws IOException {
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            rows = parser.getRecords();
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        int title = column(header, file, "titles", "title");
        int summary = column(header, file, "summaries", "abstract", "summary");
        int terms = column(header, file, "terms", "categories");
        List<Labelled> papers = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            CSVRecord row = rows.get(r);
            if (row.size() <= Math.max(title, Math.max(summary, terms))) {
                continue;
            }
            List<String> categories = new ArrayList<>();
            for (String token : row.get(terms).split("[^A-Za-z.\\-]+", 0)) {
                if (ArxivCategories.isCode(token) && token.indexOf('.') > 0) {
                    categories.add(token);
                }
            }
            papers.add(new Labelled("row " + (r + 1), row.get(title), row.get(summary), categories));
        }
        return papers;
    }

    private static int column(List<String> header, Path file, String... names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                file + " has no column " + String.join(" or ", names) + " (header: " + header + ")");
    }
}
