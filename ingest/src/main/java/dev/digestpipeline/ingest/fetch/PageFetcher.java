package dev.digestpipeline.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP GET the way a polite poller makes it: our User-Agent, the validators of the last fetch
 * (If-None-Match, If-Modified-Since), redirects followed by hand (at most {@value #MAX_REDIRECTS}, so the final URL
 * is known), a connect deadline and a deadline for the whole response, and a body read as a stream up to the cap:
 * one byte more and the page is refused, never truncated and never held whole past the cap.
 */
public final class PageFetcher implements AutoCloseable {
    public static final int MAX_REDIRECTS = 5;
    /** The most of an error answer's body read before its connection is dropped. */
    static final int ERROR_BODY_CAP = 64 * 1024;

    private final HttpClient http;
    private final String userAgent;
    private final long maxBytes;
    private final Duration responseTimeout;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fetch-deadline");
        t.setDaemon(true);
        return t;
    });

    public PageFetcher(String userAgent, long maxBytes, Duration connectTimeout, Duration responseTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.userAgent = userAgent;
        this.maxBytes = maxBytes;
        this.responseTimeout = responseTimeout;
    }

    /** A plain GET, without validators. */
    public FetchResult fetch(URI uri) throws IOException, InterruptedException {
        return fetch(uri, null, null);
    }

    /**
     * A GET with the validators of the last fetch, so an unchanged page answers 304 with no body.
     *
     * @param etag the ETag of the last fetch, or null
     * @param lastModified the Last-Modified of the last fetch, or null
     * @throws PageTooLargeException when the body is longer than the cap
     * @throws HttpTimeoutException when the whole response took longer than its deadline
     */
    public FetchResult fetch(URI uri, String etag, String lastModified) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + responseTimeout.toNanos();
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(remaining(deadline, uri))
                    .header("User-Agent", userAgent)
                    .GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status / 100 == 3 && status != 304 && location != null) {
                response.body().close();
                if (hop == MAX_REDIRECTS) {
                    throw new IOException(uri + " redirects more than " + MAX_REDIRECTS + " times");
                }
                current = current.resolve(location);
                continue;
            }
            byte[] body =
                    status / 100 == 2 ? read(response.body(), current, deadline) : drain(response.body(), deadline);
            return new FetchResult(
                    uri,
                    current,
                    status,
                    body,
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null),
                    response.headers()
                            .firstValue("Retry-After")
                            .or(() -> RetryAfter.fromRateLimit(
                                    response.headers().firstValue("RateLimit").orElse(null)))
                            .orElse(null));
        }
    }

    private static Duration remaining(long deadline, URI uri) throws HttpTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException(uri + " did not answer in time");
        }
        return Duration.ofNanos(left);
    }

    /** The body up to the cap; the stream is closed when the deadline passes, which ends a read that hangs. */
    private byte[] read(InputStream in, URI uri, long deadline) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = closeAt(in, deadline, expired);
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new PageTooLargeException(uri, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (expired.get()) {
                throw new HttpTimeoutException(uri + " did not send its whole body in time");
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * An error answer's body is not kept: at most {@link #ERROR_BODY_CAP} of it is read, within the answer's deadline
     * (a 5xx whose body never ends must not hold the host's thread), then the stream is closed.
     */
    private byte[] drain(InputStream in, long deadline) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = closeAt(in, deadline, expired);
        try (in) {
            byte[] buffer = new byte[8 * 1024];
            long total = 0;
            int n;
            while (total < ERROR_BODY_CAP && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // the rest of an error body does not matter: the status and headers are the answer
        } finally {
            timer.cancel(false);
        }
        return new byte[0];
    }

    /** Closes the stream when the deadline passes, which ends a read that hangs; {@code expired} says it did. */
    private ScheduledFuture<?> closeAt(InputStream in, long deadline, AtomicBoolean expired) {
        return watchdog.schedule(
                () -> {
                    expired.set(true);
                    try {
                        in.close();
                    } catch (IOException e) {
                        // closing is all we can do; the read fails either way
                    }
                },
                Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
