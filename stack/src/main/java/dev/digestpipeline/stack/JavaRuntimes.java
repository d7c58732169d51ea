package dev.digestpipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK new enough for the servers (Apicurio Registry and Elasticsearch need Java 21 or newer). */
public final class JavaRuntimes {
    /** A JDK 21+ for the servers, when the usual places have none. */
    public static final String SERVER_JAVA_HOME_VARIABLE = "DIGEST_SERVER_JAVA_HOME";

    public static final int SERVER_MIN_FEATURE = 21;
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final List<Path> JVM_FOLDERS = List.of(
            Path.of("/usr/lib/jvm"),
            Path.of("/usr/java"),
            Path.of("/opt/java"),
            Path.of("/opt"),
            Path.of(System.getProperty("user.home"), ".sdkman/candidates/java"),
            Path.of("/Library/Java/JavaVirtualMachines"));

    private JavaRuntimes() {}

    /** DIGEST_SERVER_JAVA_HOME, then JAVA_HOME, then the running JVM, then the usual JVM folders, newest first. */
    public static Path findServerJavaHome(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(env.get(SERVER_JAVA_HOME_VARIABLE)).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(env.get("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        candidates.addAll(installedJdksNewestFirst());
        for (Path home : candidates) {
            if (featureVersion(home) >= SERVER_MIN_FEATURE) {
                return home;
            }
        }
        throw new IllegalStateException("No JDK " + SERVER_MIN_FEATURE + " or newer found (looked at "
                + "DIGEST_SERVER_JAVA_HOME, JAVA_HOME, the running JVM and " + JVM_FOLDERS + "). "
                + "Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21/25, "
                + "or point DIGEST_SERVER_JAVA_HOME at it.");
    }

    public static Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    static List<Path> installedJdksNewestFirst() {
        List<Path> found = new ArrayList<>();
        for (Path folder : JVM_FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> children = Files.list(folder)) {
                children.map(p -> Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p)
                        .filter(p -> Files.isExecutable(javaExecutable(p)))
                        .forEach(found::add);
            } catch (IOException e) {
                // an unreadable folder is just not a candidate
            }
        }
        found.sort(Comparator.comparingInt(JavaRuntimes::featureVersion).reversed());
        return found;
    }

    /** The feature version from the JDK's release file; 0 when it cannot be told. */
    public static int featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isExecutable(javaExecutable(javaHome)) || !Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return 0;
            }
            int major = Integer.parseInt(m.group(1));
            return major == 1 ? 8 : major;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
