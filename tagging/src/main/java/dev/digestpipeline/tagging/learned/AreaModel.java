package dev.digestpipeline.tagging.learned;

import dev.digestpipeline.tagging.WordStems;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Areas learned from labelled papers: one logistic regression per area over the tf-idf of a paper's terms (see
 * {@link TermFeatures}), each with a threshold calibrated on papers the model did not learn from. Immutable and
 * safe to share between threads. A tag's evidence is the terms that weighed most for it in this paper.
 */
public final class AreaModel {
    /** The model the build packages, trained by {@code ./digest train}. */
    public static final String BUNDLED = "area-model.bin.gz";

    private static final int MAGIC = 0x4450414d; // "DPAM"
    private static final int VERSION = 1;
    private static final int EVIDENCE_TERMS = 3;
    /** What starts a term of the model in a tag's evidence: "model:robot", "model:languag model". */
    public static final String EVIDENCE_PREFIX = "model:";
    /** 1 + ln(tf) for the counts most terms have, computed once. */
    private static final float[] SUBLINEAR_TF = new float[64];

    static {
        for (int tf = 1; tf < SUBLINEAR_TF.length; tf++) {
            SUBLINEAR_TF[tf] = (float) (1 + Math.log(tf));
        }
    }

    private final String description;
    private final List<String> areas;
    private final double[] bias;
    private final double[] thresholds;
    private final String[] terms;
    private final float[] idf;
    /** Column-major: the weights of column c for every area lie at c * areas + a. */
    private final float[] weights;

    private final TermIndex index;

    /** One area's probability for a paper, whether it passes the area's threshold, and why. */
    public record AreaScore(String area, double probability, boolean tagged, List<String> evidence) {
        public AreaScore {
            evidence = List.copyOf(evidence);
        }
    }

    AreaModel(
            String description,
            List<String> areas,
            double[] bias,
            double[] thresholds,
            String[] terms,
            long[] keys,
            float[] idf,
            float[] weights) {
        this.description = description;
        this.areas = List.copyOf(areas);
        this.bias = bias.clone();
        this.thresholds = thresholds.clone();
        this.terms = terms.clone();
        this.idf = idf.clone();
        this.weights = weights.clone();
        if (bias.length != areas.size()
                || thresholds.length != areas.size()
                || keys.length != terms.length
                || idf.length != terms.length
                || weights.length != terms.length * areas.size()) {
            throw new IllegalArgumentException("model arrays do not agree in size");
        }
        this.index = new TermIndex(keys);
    }

    /** The same model deciding at other thresholds, one per area in {@link #areas()} order. */
    AreaModel withThresholds(double[] thresholds) {
        return new AreaModel(this, thresholds);
    }

    private AreaModel(AreaModel model, double[] thresholds) {
        if (thresholds.length != model.areas.size()) {
            throw new IllegalArgumentException("one threshold per area");
        }
        this.description = model.description;
        this.areas = model.areas;
        this.bias = model.bias;
        this.thresholds = thresholds.clone();
        this.terms = model.terms;
        this.idf = model.idf;
        this.weights = model.weights;
        this.index = model.index;
    }

    /** The model the build packages. */
    public static AreaModel bundled() {
        try (InputStream in = AreaModel.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is not on the classpath: run ./digest train");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
        }
    }

    public static AreaModel fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the area model " + file, e);
        }
    }

    /** How it was trained: the data's hash, the seed, the split, the counts. */
    public String description() {
        return description;
    }

    public List<String> areas() {
        return areas;
    }

    public double threshold(String area) {
        return thresholds[areas.indexOf(area)];
    }

    public int vocabularySize() {
        return terms.length;
    }

    /** Every area's score for a paper, in {@link #areas()} order. */
    public List<AreaScore> scores(String title, String abstractText) {
        return scores(WordStems.of(title), WordStems.of(abstractText));
    }

    /** Every area's score for a paper's stems, in {@link #areas()} order. */
    public List<AreaScore> scores(List<String> titleStems, List<String> abstractStems) {
        Vector x = vector(titleStems, abstractStems);
        int k = areas.size();
        double[] margin = bias.clone();
        for (int i = 0; i < x.size; i++) {
            int base = x.columns[i] * k;
            double v = x.values[i];
            for (int a = 0; a < k; a++) {
                margin[a] += weights[base + a] * v;
            }
        }
        List<AreaScore> scores = new ArrayList<>(k);
        for (int a = 0; a < k; a++) {
            double p = 1 / (1 + Math.exp(-margin[a]));
            boolean tagged = p >= thresholds[a];
            scores.add(new AreaScore(areas.get(a), p, tagged, tagged ? evidence(x, a) : List.of()));
        }
        return scores;
    }

    /** The terms that added most to the area's score in this paper. */
    private List<String> evidence(Vector x, int area) {
        int k = areas.size();
        int[] best = new int[EVIDENCE_TERMS];
        double[] bestContribution = new double[EVIDENCE_TERMS];
        int found = 0;
        for (int i = 0; i < x.size; i++) {
            double contribution = weights[x.columns[i] * k + area] * x.values[i];
            int at;
            if (contribution <= 0) {
                continue;
            } else if (found < EVIDENCE_TERMS) {
                at = found++;
            } else if (contribution > bestContribution[EVIDENCE_TERMS - 1]) {
                at = EVIDENCE_TERMS - 1;
            } else {
                continue;
            }
            while (at > 0 && bestContribution[at - 1] < contribution) {
                best[at] = best[at - 1];
                bestContribution[at] = bestContribution[at - 1];
                at--;
            }
            best[at] = x.columns[i];
            bestContribution[at] = contribution;
        }
        List<String> evidence = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            evidence.add(EVIDENCE_PREFIX + terms[best[i]]);
        }
        return evidence;
    }

    /** A paper as columns, in the order its terms first appear, with L2-normalized tf-idf values. */
    @SuppressWarnings("ArrayRecordComponent") // private, never compared or hashed
    record Vector(int[] columns, float[] values, int size) {}

    /** The paper's terms as this model's columns, the same for training as for tagging. */
    Vector vector(List<String> titleStems, List<String> abstractStems) {
        int occurrences = TermFeatures.TITLE_COUNT * titleStems.size() + abstractStems.size();
        // a term's count gathered in a small hash table: sorting the occurrences cost more than the rest
        int mask = Integer.highestOneBit(Math.max(8, 4 * occurrences)) - 1;
        int[] slotColumns = new int[mask + 1];
        int[] slotCounts = new int[mask + 1];
        int[] columns = new int[2 * occurrences + 1];
        int[] size = new int[1];
        TermFeatures.forEach(titleStems, abstractStems, (key, count) -> {
            int column = index.column(key);
            if (column < 0) {
                return false;
            }
            int slot = (column * 0x9E3779B9) >>> 7 & mask;
            while (slotColumns[slot] != 0 && slotColumns[slot] != column + 1) {
                slot = (slot + 1) & mask;
            }
            if (slotColumns[slot] == 0) {
                slotColumns[slot] = column + 1;
                columns[size[0]++] = slot;
            }
            slotCounts[slot] += count;
            return true;
        });
        float[] values = new float[size[0]];
        double norm = 0;
        for (int i = 0; i < size[0]; i++) {
            int slot = columns[i];
            int column = slotColumns[slot] - 1;
            int tf = slotCounts[slot];
            float v = (tf < SUBLINEAR_TF.length ? SUBLINEAR_TF[tf] : (float) (1 + Math.log(tf))) * idf[column];
            columns[i] = column;
            values[i] = v;
            norm += (double) v * v;
        }
        int n = size[0];
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < n; i++) {
                values[i] *= scale;
            }
        }
        return new Vector(columns, values, n);
    }

    /** Writes the model: gzip of a small binary format, read back by {@link #fromFile}. */
    public void write(OutputStream target) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(target) {
            {
                def.setLevel(9);
            }
        }))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(description);
            out.writeInt(areas.size());
            for (int a = 0; a < areas.size(); a++) {
                out.writeUTF(areas.get(a));
                out.writeDouble(bias[a]);
                out.writeDouble(thresholds[a]);
            }
            out.writeInt(terms.length);
            for (int c = 0; c < terms.length; c++) {
                out.writeUTF(terms[c]);
                out.writeFloat(idf[c]);
                for (int a = 0; a < areas.size(); a++) {
                    out.writeFloat(weights[c * areas.size() + a]);
                }
            }
        }
    }

    static AreaModel read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source)));
        if (in.readInt() != MAGIC) {
            throw new IOException("not an area model");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("area model version " + version + ", this build reads " + VERSION);
        }
        String description = in.readUTF();
        int k = in.readInt();
        List<String> areas = new ArrayList<>(k);
        double[] bias = new double[k];
        double[] thresholds = new double[k];
        for (int a = 0; a < k; a++) {
            areas.add(in.readUTF());
            bias[a] = in.readDouble();
            thresholds[a] = in.readDouble();
        }
        int n = in.readInt();
        String[] terms = new String[n];
        long[] keys = new long[n];
        float[] idf = new float[n];
        float[] weights = new float[n * k];
        for (int c = 0; c < n; c++) {
            terms[c] = in.readUTF();
            keys[c] = TermFeatures.keyOfName(terms[c]);
            idf[c] = in.readFloat();
            for (int a = 0; a < k; a++) {
                weights[c * k + a] = in.readFloat();
            }
        }
        return new AreaModel(description, areas, bias, thresholds, terms, keys, idf, weights);
    }
}
