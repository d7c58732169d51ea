package dev.digestpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's docs: the README at the top, every Markdown file under {@code docs/}, and the README of each
 * module's folder. And their relative links, each of which must lead to a file (and, with a {@code #fragment}, to
 * one of its headings as GitHub names them).
 */
public final class DocFiles {
    /** A Markdown link's target: {@code [text](target)} or {@code ![alt](target)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

    private DocFiles() {}

    /** Every doc, in a stable order: README.md, docs/, then the modules' READMEs. */
    public static List<Path> all() {
        Path top = DocSections.checkout();
        List<Path> docs = new ArrayList<>();
        docs.add(top.resolve("README.md"));
        try (Stream<Path> underDocs = Files.walk(top.resolve("docs"))) {
            underDocs
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        moduleFolders().stream()
                .map(dir -> dir.resolve("README.md"))
                .filter(Files::isRegularFile)
                .forEach(docs::add);
        return docs;
    }

    /** The modules' folders (a pom.xml in them) that have no README.md. */
    public static List<String> modulesWithoutReadme() {
        return moduleFolders().stream()
                .filter(dir -> !Files.isRegularFile(dir.resolve("README.md")))
                .map(dir -> dir.getFileName().toString())
                .toList();
    }

    /** The folders at the top of the checkout that hold a module (a pom.xml), by name. */
    private static List<Path> moduleFolders() {
        try (Stream<Path> folders = Files.list(DocSections.checkout())) {
            return folders.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each relative link of the docs that leads nowhere, as "doc: target (why)". */
    public static List<String> brokenLinks() {
        List<String> broken = new ArrayList<>();
        for (Path doc : all()) {
            String text = withoutCodeBlocks(DocSections.read(doc));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue; // http:, https:, mailto:: not ours to check offline
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String fragment = hash < 0 ? "" : target.substring(hash + 1);
                Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(relative(doc) + ": " + target + " (no such file)");
                } else if (!fragment.isEmpty()
                        && file.toString().endsWith(".md")
                        && !anchors(DocSections.read(file)).contains(fragment)) {
                    broken.add(relative(doc) + ": " + target + " (no such heading in " + relative(file) + ")");
                }
            }
        }
        return broken;
    }

    /** The fragments GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as '-'. */
    static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        Matcher m = HEADING.matcher(withoutCodeBlocks(markdown));
        while (m.find()) {
            anchors.add(m.group(1)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    /** The text without its fenced code blocks, whose brackets and hashes are not links or headings. */
    static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }

    static String relative(Path doc) {
        return DocSections.checkout().relativize(doc).toString();
    }
}
