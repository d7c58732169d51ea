package dev.digestpipeline.enrich;

import java.util.regex.Pattern;

/** arXiv category codes (cs.CL, stat.ML, hep-th, cond-mat.stat-mech), told apart from ACM and MSC class codes. */
final class ArxivCategories {
    private static final Pattern CODE = Pattern.compile("[a-z]{1,8}(?:-[a-z]{1,8})?(?:\\.[A-Za-z]{2}(?:-[a-z]{1,10})?)?");

    private ArxivCategories() {}

    static boolean isCode(String term) {
        return term != null && CODE.matcher(term.strip()).matches();
    }
}
