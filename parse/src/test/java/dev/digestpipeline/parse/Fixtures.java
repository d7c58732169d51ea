package dev.digestpipeline.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The project's own page fixtures, and the shared corpus when the build names it (digest.corpus). */
public final class Fixtures {
    public static final Instant FETCHED = Instant.parse("2025-08-21T07:00:00Z");

    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pages/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PageContent page(String name, String contentType) {
        return new PageContent("file:///fixtures/" + name, contentType, FETCHED, bytes(name));
    }

    /** The corpus folder, or empty when it is not there (tests that need it then skip). */
    public static Optional<Path> corpus() {
        String dir = System.getProperty("digest.corpus", System.getenv("DIGEST_CORPUS"));
        return dir == null || !Files.isDirectory(Path.of(dir)) ? Optional.empty() : Optional.of(Path.of(dir));
    }
}
