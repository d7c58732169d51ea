package dev.digestpipeline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's generated sections (settings tables, the topic table, the command table): each stands between
 * {@code <!-- BEGIN generated: NAME -->} and {@code <!-- END generated: NAME -->} and must equal what the code that
 * declares it generates. {@code -Ddigest.readme.update=true} rewrites a stale section instead of failing.
 */
public final class ReadmeSections {
    private ReadmeSections() {}

    public static void assertCurrent(String name, String generated) {
        Path readme = readme();
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            String begin = "<!-- BEGIN generated: " + name + " -->\n";
            String end = "<!-- END generated: " + name + " -->";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new AssertionError("README.md has no section '" + name + "': add the lines " + begin.strip()
                        + " and " + end + " where it goes");
            }
            String current = text.substring(from + begin.length(), to);
            if (!current.equals(generated) && Boolean.getBoolean("digest.readme.update")) {
                Files.writeString(
                        readme,
                        text.substring(0, from + begin.length()) + generated + text.substring(to),
                        StandardCharsets.UTF_8);
                return;
            }
            assertEquals(
                    generated,
                    current,
                    "README.md section '" + name + "' is stale; "
                            + "mvn test -Ddigest.readme.update=true rewrites it from the code");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A whole file of the checkout that code generates (the AsyncAPI document) must equal what it generates;
     * {@code -Ddigest.readme.update=true} rewrites it instead of failing.
     */
    public static void assertFileCurrent(String relativePath, String generated) {
        Path file = checkout().resolve(relativePath);
        try {
            String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!current.equals(generated) && Boolean.getBoolean("digest.readme.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated, StandardCharsets.UTF_8);
                return;
            }
            assertEquals(
                    generated,
                    current,
                    relativePath + " is stale; mvn test -Ddigest.readme.update=true rewrites it from the code");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The README at the top of the checkout. */
    private static Path readme() {
        return checkout().resolve("README.md");
    }

    /** The top of the checkout (where the ./digest launcher and the README are), found upwards from the module. */
    public static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("digest"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no README.md beside the ./digest launcher above " + Path.of("").toAbsolutePath());
    }
}
