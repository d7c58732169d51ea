package dev.digestpipeline.ingest;

import dev.digestpipeline.schemas.RawPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Turns what the user names (files, folders, http(s) URLs) into raw pages, bytes unmodified. */
final class PageReader {
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final String kind;

    PageReader(Duration timeout, String kind, Clock clock) {
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
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
            HttpRequest request = HttpRequest.newBuilder(URI.create(source))
                    .timeout(timeout)
                    .header("User-Agent", "digest-pipeline-ingest/0.1")
                    .GET()
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(source + " answered HTTP " + response.statusCode());
            }
            String contentType = response.headers().firstValue("Content-Type").orElse(guessContentType(source));
            return page(source, contentType, response.body());
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        return page(path.toUri().toString(), guessContentType(path.toString()), Files.readAllBytes(path));
    }

    private RawPage page(String uri, String contentType, byte[] content) {
        return RawPage.newBuilder()
                .setSourceUri(uri)
                .setKind(kind)
                .setFetchedAt(clock.instant())
                .setContentType(contentType)
                .setContentSha256(sha256(content))
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

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
