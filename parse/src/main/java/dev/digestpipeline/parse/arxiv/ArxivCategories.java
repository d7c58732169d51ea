package dev.digestpipeline.parse.arxiv;

import java.util.regex.Pattern;

/** arXiv category codes (cs.CL, stat.ML, hep-th, cond-mat.stat-mech), told apart from ACM and MSC class codes. */
public final class ArxivCategories {
    private static final Pattern CODE =
            Pattern.compile("[a-z]{1,8}(?:-[a-z]{1,8})?(?:\\.[A-Za-z]{2}(?:-[a-z]{1,10})?)?");

    private ArxivCategories() {}

    public static boolean isCode(String term) {
        return term != null && CODE.matcher(term.strip()).matches();
    }
}
