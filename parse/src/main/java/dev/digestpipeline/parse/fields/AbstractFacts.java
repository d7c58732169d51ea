package dev.digestpipeline.parse.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts an abstract states in figures: model sizes (8B, 8x7B, 175 billion parameters), compute (2400 H100 GPU
 * hours, 64 A100 GPUs, 1e23 FLOPs) and context lengths (1M tokens, 128K context). The patterns are tried only
 * where a number starts (and "context length of" only where that phrase is), anchored, with bounded repetition,
 * so the work stays linear in the abstract's length and small.
 */
public record AbstractFacts(List<String> modelSizes, List<String> computeBudgets, List<String> contextLengths) {
    public static final AbstractFacts NONE = new AbstractFacts(List.of(), List.of(), List.of());

    private static final Pattern MODEL_SIZE =
            Pattern.compile("((?:\\d{1,3}x)?\\d{1,4}(?:\\.\\d{1,2})?)\\s?(B|billion[- ]param\\w{0,6})(?![\\w])");
    private static final Pattern COMPUTE =
            Pattern.compile("(\\d{1,3}(?:,\\d{3}){1,3}|\\d{1,7}(?:\\.\\d{1,2})?[kK]?)[ -]"
                    + "((?:NVIDIA |Nvidia )?(?:[AHBLV]\\d{2,3}|RTX ?\\d{4}|TPU ?v?\\d{0,2}|Ascend ?\\d{3}[A-Z]?)(?: \\d{2}GB)?"
                    + "(?:[ -]GPUs?)?|GPUs?|TPUs?)"
                    + "(?:[ -](GPU[ -])?(hours?|days?))?(?![\\w])");
    private static final Pattern FLOPS = Pattern.compile(
            "(\\d{1,3}(?:\\.\\d{1,2})?\\s?(?:[x×]\\s?10\\^?\\{?\\d{1,2}\\}?|e\\d{1,2}))\\s?FLOPs?(?![\\w])");
    private static final Pattern CONTEXT = Pattern.compile(
            "(\\d{1,4}(?:\\.\\d{1,2})?\\s?[KkM])[ -](tokens?|context|token context|context window)(?![\\w])");
    private static final Pattern CONTEXT_OF = Pattern.compile(
            "context (?:length|window|size)s? (?:of |up to |to ){1,2}(\\d{1,4}(?:\\.\\d{1,2})?\\s?[KkM])(?![\\w])",
            Pattern.CASE_INSENSITIVE);

    public AbstractFacts {
        modelSizes = List.copyOf(modelSizes);
        computeBudgets = List.copyOf(computeBudgets);
        contextLengths = List.copyOf(contextLengths);
    }

    public static AbstractFacts of(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        List<String> sizes = new ArrayList<>();
        List<String> compute = new ArrayList<>();
        List<String> context = new ArrayList<>();
        Matcher size = MODEL_SIZE.matcher(text);
        Matcher gpu = COMPUTE.matcher(text);
        Matcher flops = FLOPS.matcher(text);
        Matcher ctx = CONTEXT.matcher(text);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!isNumberStart(text, i)) {
                continue;
            }
            if (size.region(i, n).lookingAt()) {
                addOnce(sizes, size.group(1) + "B");
            }
            if (gpu.region(i, n).lookingAt()) {
                String device = gpu.group(2).toUpperCase(Locale.ROOT);
                if (gpu.group(4) != null || device.contains("GPU") || device.contains("TPU")) {
                    addOnce(compute, gpu.group().strip());
                }
            }
            if (flops.region(i, n).lookingAt()) {
                addOnce(compute, flops.group().strip());
            }
            if (ctx.region(i, n).lookingAt()) {
                addOnce(context, ctx.group(1) + " " + ctx.group(2));
            }
        }
        int at = indexOfIgnoreCase(text, "context ", 0);
        if (at >= 0) {
            Matcher of = CONTEXT_OF.matcher(text);
            while (at >= 0) {
                if (of.region(at, n).lookingAt()) {
                    addOnce(context, of.group(1) + " context");
                }
                at = indexOfIgnoreCase(text, "context ", at + 1);
            }
        }
        return sizes.isEmpty() && compute.isEmpty() && context.isEmpty()
                ? NONE
                : new AbstractFacts(sizes, compute, context);
    }

    /** A digit that is not inside a word or a longer number ("v2", "3.5", "1,000" start only at their first digit). */
    private static boolean isNumberStart(String text, int i) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
            return false;
        }
        if (i == 0) {
            return true;
        }
        char before = text.charAt(i - 1);
        return !Character.isLetterOrDigit(before) && before != '.' && before != ',' && before != '_';
    }

    private static int indexOfIgnoreCase(String text, String word, int from) {
        int n = text.length() - word.length();
        char lower = word.charAt(0);
        char upper = Character.toUpperCase(lower);
        for (int i = from; i <= n; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
