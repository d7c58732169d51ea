package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.fetch.FetchResult;
import dev.digestpipeline.ingest.fetch.PageFetcher;
import dev.digestpipeline.ingest.fetch.Sha256;
import dev.digestpipeline.schemas.RawPage;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Turns what the user names (files, folders, http(s) URLs) into raw pages, bytes unmodified. */
final class PageReader {
    private final PageFetcher fetcher;
    private final Clock clock;
    private final String kind;

    /** @param fetcher how URLs are read: our User-Agent, redirects, deadlines and the size cap */
    PageReader(PageFetcher fetcher, String kind, Clock clock) {
        this.fetcher = fetcher;
        this.kind = kind;
        this.clock = clock;
    }

    /** The page sources a name stands for: itself, or every regular file below a folder, in name order. */
    static List<String> expand(String source) throws IOException {
        if (isUrl(source)) {
            return List.of(source);
        }
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .map(Path::toString)
                        .sorted()
                        .toList();
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file, folder or URL: " + source);
        }
        return List.of(source);
    }

    static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    RawPage read(String source) throws IOException, InterruptedException {
        if (isUrl(source)) {
            FetchResult response = fetcher.fetch(URI.create(source));
            if (!response.isOk()) {
                throw new IOException(source + " answered HTTP " + response.status());
            }
            String contentType = response.contentType() != null ? response.contentType() : guessContentType(source);
            return page(source, contentType, response.body());
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        return page(path.toUri().toString(), guessContentType(path.toString()), Files.readAllBytes(path));
    }

    private RawPage page(String uri, String contentType, byte[] content) {
        return rawPage(uri, kind, clock.instant(), contentType, content, Sha256.hex(content));
    }

    /** A page as ingest publishes it: its bytes unmodified, with where, when and what they are. */
    static RawPage rawPage(
            String uri, String kind, Instant fetchedAt, String contentType, byte[] content, String sha256) {
        return RawPage.newBuilder()
                .setSourceUri(uri)
                .setKind(kind)
                .setFetchedAt(fetchedAt)
                .setContentType(contentType)
                .setContentSha256(sha256)
                .setContent(ByteBuffer.wrap(content))
                .build();
    }

    static String guessContentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int query = lower.indexOf('?');
        if (query >= 0) {
            lower = lower.substring(0, query);
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return "text/html";
        }
        if (lower.endsWith(".xml") || lower.endsWith(".atom") || lower.endsWith(".rss")) {
            return "application/xml";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".md")) {
            return "text/plain";
        }
        return null;
    }

    static List<String> expandAll(List<String> sources, List<String> problems) {
        List<String> all = new ArrayList<>();
        for (String source : sources) {
            try {
                all.addAll(expand(source));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        return all;
    }
}
