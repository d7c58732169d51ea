package dev.digestpipeline.parse.fields;

import dev.digestpipeline.parse.ExtractedLink;
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
    /** The rest of a URL after its scheme: anything up to whitespace or characters URLs do not contain. */
    private static final Pattern URL_REST = Pattern.compile("[^\\s<>\"'`{}|\\\\^\\[\\]]+");

    private static final Set<String> CODE_HOSTS = Set.of("github.com", "gitlab.com", "gitee.com", "bitbucket.org");
    /** Hosts where papers' project pages live. */
    private static final List<String> PROJECT_HOST_SUFFIXES = List.of(
            ".github.io", ".gitlab.io", ".gitee.io", ".netlify.app", ".pages.dev", ".vercel.app", "sites.google.com");

    private LinkClassifier() {}

    /** Every URL in the text, in order, once each, without sentence punctuation that follows it. */
    public static List<ExtractedLink> linksIn(String text) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher rest = URL_REST.matcher(text);
        int at = text.indexOf("://");
        while (at >= 0) {
            // the scheme before "://" must be http or https, any case
            int start = at >= 5 && text.regionMatches(true, at - 5, "https", 0, 5)
                    ? at - 5
                    : at >= 4 && text.regionMatches(true, at - 4, "http", 0, 4) ? at - 4 : -1;
            boolean wordBefore = start > 0 && Character.isLetterOrDigit(text.charAt(start - 1));
            if (start >= 0 && !wordBefore && rest.region(at + 3, text.length()).lookingAt()) {
                urls.add(trimTrailing(text.substring(start, rest.end())));
                at = text.indexOf("://", rest.end());
            } else {
                at = text.indexOf("://", at + 3);
            }
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
        URI uri = uriOf(url);
        if (uri == null) {
            return "other";
        }
        String host = hostOf(uri);
        String path = uri.getPath() == null ? "" : uri.getPath();
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
        if (host.equals("openreview.net") || host.equals("doi.org") || host.equals("aclanthology.org")) {
            return "paper";
        }
        if (host.equals("ar5iv.org") || host.equals("ar5iv.labs.arxiv.org")) {
            return "html";
        }
        for (String suffix : PROJECT_HOST_SUFFIXES) {
            if (host.endsWith(suffix)) {
                return "project";
            }
        }
        return "other";
    }

    /**
     * The repository a code link points to, as host/owner/name (github.com/owner/name): lower-case host, no
     * ".git", no path below the repository. Null when the URL is not a repository on a known code host.
     */
    public static String repoOf(String url) {
        URI uri = uriOf(url);
        String host = uri == null ? "" : hostOf(uri);
        if (!CODE_HOSTS.contains(host) || uri.getPath() == null) {
            return null;
        }
        String[] parts = uri.getPath().split("/", 0);
        // parts[0] is the empty string before the leading slash
        if (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return null;
        }
        String name = parts[2].endsWith(".git") ? parts[2].substring(0, parts[2].length() - 4) : parts[2];
        return name.isEmpty() ? null : host + "/" + parts[1] + "/" + name;
    }

    private static URI uriOf(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The host in lower case without "www.", so www.github.com and GitHub.com are github.com. */
    private static String hostOf(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
