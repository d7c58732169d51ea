package dev.digestpipeline.ingest.fetch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a site's robots.txt (RFC 9309) that apply to us: the group naming our product token, else the
 * {@code *} group; within it the longest matching Allow or Disallow wins, Allow on a tie; {@code *} and {@code $}
 * in patterns as the RFC defines them. No group, or an empty file, allows everything. The group's
 * {@code Crawl-delay} (seconds, not in the RFC but widely used) is kept for the host's gap.
 */
public final class RobotsTxt {
    private record Rule(boolean allow, String pattern) {}

    private static final RobotsTxt ALLOW_ALL = new RobotsTxt(List.of(), Duration.ZERO);
    private static final RobotsTxt DISALLOW_ALL = new RobotsTxt(List.of(new Rule(false, "/")), Duration.ZERO);

    private final List<Rule> rules;
    private final Duration crawlDelay;

    private RobotsTxt(List<Rule> rules, Duration crawlDelay) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
    }

    /** The Crawl-delay of the group that applies to us; zero when it names none. */
    public Duration crawlDelay() {
        return crawlDelay;
    }

    /** What a 4xx answer for robots.txt means (RFC 9309: no rules). */
    public static RobotsTxt allowAll() {
        return ALLOW_ALL;
    }

    /** What a 5xx or unreachable robots.txt means until it is read again (RFC 9309: complete disallow). */
    public static RobotsTxt disallowAll() {
        return DISALLOW_ALL;
    }

    public static RobotsTxt parse(String text, String productToken) {
        String token = productToken.toLowerCase(Locale.ROOT);
        List<Rule> ours = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        Duration ourDelay = Duration.ZERO;
        Duration starDelay = Duration.ZERO;
        boolean foundOurs = false;
        List<String> agents = new ArrayList<>();
        boolean inRules = false;
        for (String raw : text.split("\r?\n|\r", -1)) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (field.equals("user-agent")) {
                if (inRules) {
                    agents.clear();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
                foundOurs |= agents.contains(token);
            } else if (field.equals("crawl-delay")) {
                inRules = true;
                Duration delay = seconds(value);
                if (agents.contains(token)) {
                    ourDelay = delay;
                } else if (agents.contains("*")) {
                    starDelay = delay;
                }
            } else if (field.equals("allow") || field.equals("disallow")) {
                inRules = true;
                // an empty Disallow allows everything: no rule to keep
                if (!value.isEmpty()) {
                    Rule rule = new Rule(field.equals("allow"), value);
                    if (agents.contains(token)) {
                        ours.add(rule);
                    } else if (agents.contains("*")) {
                        star.add(rule);
                    }
                }
            }
        }
        return new RobotsTxt(List.copyOf(foundOurs ? ours : star), foundOurs ? ourDelay : starDelay);
    }

    /** Crawl-delay's value: seconds, perhaps with a fraction; anything else is no delay. */
    private static Duration seconds(String value) {
        try {
            double seconds = Double.parseDouble(value);
            return seconds > 0 && seconds < 86_400 ? Duration.ofMillis(Math.round(seconds * 1000)) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    /** Whether we may fetch this path (with its query, as the URL has it). */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Rule best = null;
        for (Rule rule : rules) {
            if (matches(rule.pattern(), path)
                    && (best == null
                            || rule.pattern().length() > best.pattern().length()
                            || (rule.pattern().length() == best.pattern().length() && rule.allow()))) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }

    /** RFC 9309 matching: a prefix match, where * is any run of characters and a final $ anchors the end. */
    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        return match(p, 0, path, 0, anchored);
    }

    private static boolean match(String p, int i, String s, int j, boolean anchored) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = j; k <= s.length(); k++) {
                    if (match(p, i + 1, s, k, anchored)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= s.length() || s.charAt(j) != c) {
                return false;
            }
            i++;
            j++;
        }
        return !anchored || j == s.length();
    }
}
