package dev.digestpipeline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The docs' generated sections (settings tables, the topic table, the command table, the topology): each stands
 * between {@code <!-- BEGIN generated: NAME -->} and {@code <!-- END generated: NAME -->} in exactly one of the
 * {@link DocFiles} and must equal what the code that declares it generates. A section is found by its name, so it
 * may move from one doc to another without a test changing. {@code -Ddigest.readme.update=true} rewrites a stale
 * section instead of failing.
 */
public final class DocSections {
    private DocSections() {}

    public static void assertCurrent(String name, String generated) {
        String begin = "<!-- BEGIN generated: " + name + " -->\n";
        String end = "<!-- END generated: " + name + " -->";
        Path doc = docHolding(name, begin);
        try {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            int from = text.indexOf(begin);
            int to = text.indexOf(end, from);
            if (to < 0) {
                throw new AssertionError(DocFiles.relative(doc) + " has no line " + end + " after " + begin.strip());
            }
            String current = text.substring(from + begin.length(), to);
            if (!current.equals(generated) && Boolean.getBoolean("digest.readme.update")) {
                Files.writeString(
                        doc,
                        text.substring(0, from + begin.length()) + generated + text.substring(to),
                        StandardCharsets.UTF_8);
                return;
            }
            assertEquals(
                    generated,
                    current,
                    DocFiles.relative(doc) + " section '" + name + "' is stale; "
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

    /** The one doc that holds the section; none or two are errors that say where to look. */
    private static Path docHolding(String name, String begin) {
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> docs = DocFiles.all().stream()) {
            docs.filter(doc -> read(doc).contains(begin)).forEach(holding::add);
        }
        if (holding.isEmpty()) {
            throw new AssertionError("no doc has the section '" + name + "': add the lines " + begin.strip()
                    + " and <!-- END generated: " + name + " --> where it goes (README.md, docs/ or a module's"
                    + " README.md)");
        }
        if (holding.size() > 1) {
            throw new AssertionError("the section '" + name + "' is in more than one doc: "
                    + holding.stream().map(DocFiles::relative).toList() + "; keep one and link to it");
        }
        return holding.get(0);
    }

    static String read(Path doc) {
        try {
            return Files.readString(doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
