package dev.digestpipeline.enrich;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds URLs in text and says what each points to. */
public final class LinkClassifier {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`{}|\\\\^\\[\\]]+", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CODE_HOSTS = Set.of("github.com", "gitlab.com", "gitee.com", "bitbucket.org");

    private LinkClassifier() {}

    /** Every URL in the text, in order, once each, without sentence punctuation that follows it. */
    public static List<ExtractedLink> linksIn(String text) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            urls.add(trimTrailing(m.group()));
        }
        List<ExtractedLink> links = new ArrayList<>();
        for (String url : urls) {
            links.add(new ExtractedLink(kindOf(url), url));
        }
        return links;
    }

    static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(url, '(', end) < count(url, ')', end)) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    public static String kindOf(String url) {
        String host;
        String path;
        try {
            URI uri = URI.create(url);
            host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            path = uri.getPath() == null ? "" : uri.getPath();
        } catch (IllegalArgumentException e) {
            return "other";
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (CODE_HOSTS.contains(host)) {
            return "code";
        }
        if (host.equals("arxiv.org") || host.equals("export.arxiv.org")) {
            if (path.startsWith("/pdf/")) {
                return "pdf";
            }
            if (path.startsWith("/html/")) {
                return "html";
            }
            return "paper";
        }
        if (host.equals("huggingface.co") || host.equals("hf.co")) {
            if (path.startsWith("/datasets/")) {
                return "dataset";
            }
            if (path.startsWith("/spaces/")) {
                return "space";
            }
            if (path.startsWith("/collections/")) {
                return "collection";
            }
            if (path.startsWith("/papers/")) {
                return "paper";
            }
            return path.split("/").length == 3 ? "model" : "other";
        }
        if (host.endsWith(".github.io") || host.endsWith(".gitlab.io")) {
            return "project";
        }
        return "other";
    }
}
