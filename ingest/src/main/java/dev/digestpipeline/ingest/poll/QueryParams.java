package dev.digestpipeline.ingest.poll;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and sets one parameter of a URL's query, keeping the others as they are (still encoded). */
final class QueryParams {
    private QueryParams() {}

    static Optional<String> get(URI url, String name) {
        if (url.getRawQuery() == null) {
            return Optional.empty();
        }
        for (String pair : url.getRawQuery().split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    /** The URL with the parameter set to the value (a plain token: digits, dates), replaced where it was. */
    static URI with(URI url, String name, String value) {
        List<String> pairs = new ArrayList<>();
        boolean replaced = false;
        if (url.getRawQuery() != null && !url.getRawQuery().isEmpty()) {
            for (String pair : url.getRawQuery().split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (key.equals(name)) {
                    pairs.add(name + "=" + value);
                    replaced = true;
                } else {
                    pairs.add(pair);
                }
            }
        }
        if (!replaced) {
            pairs.add(name + "=" + value);
        }
        String s = url.toString();
        int cut = s.indexOf('?') >= 0 ? s.indexOf('?') : (s.indexOf('#') >= 0 ? s.indexOf('#') : s.length());
        String fragment = url.getRawFragment() == null ? "" : "#" + url.getRawFragment();
        return URI.create(s.substring(0, cut) + "?" + String.join("&", pairs) + fragment);
    }
}
