package dev.digestpipeline.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Polling helpers: a server is ready when it answers, and a server that died is reported with its log. */
final class Readiness {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {}

    static void requireAlive(ServerProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " exited during start-up. Last lines of "
                    + process.logFile() + ":\n" + process.logTail(30));
        }
    }

    static void pause(ServerProcess process, Instant deadline) throws InterruptedException {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(process.name() + " was not ready in time. Last lines of "
                    + process.logFile() + ":\n" + process.logTail(30));
        }
        Thread.sleep(250);
    }

    static void awaitHttpOk(ServerProcess process, String url, Instant deadline) throws InterruptedException {
        while (true) {
            requireAlive(process);
            if (httpStatus(url) == 200) {
                return;
            }
            pause(process, deadline);
        }
    }

    static int httpStatus(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static int httpPut(String url, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
