package dev.digestpipeline.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A server started as a child process, known by its PID (kept in a file so another command can stop it). */
public final class ServerProcess {
    private final String name;
    private final long pid;
    private final Path logFile;

    private ServerProcess(String name, long pid, Path logFile) {
        this.name = name;
        this.pid = pid;
        this.logFile = logFile;
    }

    public static ServerProcess start(
            String name, List<String> command, Map<String, String> env, Path workDir, Path logFile, Path pidFile)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(name, process.pid(), logFile);
        server.writePidFile(pidFile);
        return server;
    }

    /** A server that daemonised itself and wrote its own PID file (Elasticsearch with -d -p). */
    public static ServerProcess adopt(String name, Path pidFile, Path logFile) throws IOException {
        long pid = readPid(pidFile).orElseThrow(() -> new IOException(name + " wrote no PID file at " + pidFile));
        return new ServerProcess(name, pid, logFile);
    }

    public static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writePidFile(Path pidFile) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(pid), StandardCharsets.US_ASCII);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The last lines of the server's log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGTERM, then SIGKILL when it has not ended within the grace period. Returns true if it ran. */
    public static boolean stop(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        ProcessHandle process = handle.get();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller through isAlive
            }
        }
        return true;
    }

    public void stop(Duration grace) {
        stop(pid, grace);
    }
}
