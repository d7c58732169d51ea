package dev.digestpipeline.common.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.digestpipeline.schemas.Paper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry client against a loopback HTTP server playing the registry's Confluent-compatible API. */
class SchemaRegistryClientTest {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile boolean frozen;
    /** Answers by path, where the default (Paper's schema, or id 42) is not the one. */
    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    SchemaRegistryClientTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + (auth == null ? "" : " " + auth));
        if (frozen) {
            try {
                released.await(); // accepts the connection, never answers: a SIGSTOPped registry
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = bodies.containsKey(exchange.getRequestURI().getPath())
                ? bodies.get(exchange.getRequestURI().getPath())
                : exchange.getRequestMethod().equals("POST")
                        ? "{\"id\": 42}"
                        : "{\"schema\": "
                                + new com.fasterxml.jackson.databind.ObjectMapper()
                                        .writeValueAsString(
                                                Paper.getClassSchema().toString())
                                + "}";
        byte[] bytes = (status == 200 ? body : "{\"error_code\": " + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private SchemaRegistryClient client(Duration timeout) {
        return new SchemaRegistryClient(new RegistryAccess(url(), null, null, null, timeout));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aSchemaIsAskedForByIdOnceForTheLifeOfTheClient() {
        SchemaRegistryClient client = client(Duration.ofSeconds(5));
        assertEquals(Paper.getClassSchema(), client.schema(42));
        assertEquals(Paper.getClassSchema(), client.schema(42));
        assertEquals(List.of("GET /apis/ccompat/v7/schemas/ids/42"), requests);
    }

    @Test
    void aSchemaIsRegisteredUnderItsSubjectOnceAndItsIdIsThenKnown() {
        SchemaRegistryClient client = client(Duration.ofSeconds(5));
        assertEquals(42, client.register("digest.papers-value", Paper.getClassSchema()));
        assertEquals(42, client.register("digest.papers-value", Paper.getClassSchema()));
        assertEquals(Paper.getClassSchema(), client.schema(42));
        assertEquals(List.of("POST /apis/ccompat/v7/subjects/digest.papers-value/versions"), requests);
    }

    @Test
    void aSchemaWhoseNamedTypesAreReferencesIsParsedWithThem() {
        bodies.put(
                "/apis/ccompat/v7/schemas/ids/5",
                "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Outer\\\",\\\"fields\\\":"
                        + "[{\\\"name\\\":\\\"inner\\\",\\\"type\\\":\\\"Inner\\\"}]}\", "
                        + "\"references\": [{\"name\": \"Inner\", \"subject\": \"Inner\", \"version\": 1}]}");
        bodies.put(
                "/apis/ccompat/v7/subjects/Inner/versions/1",
                "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Inner\\\",\\\"fields\\\":"
                        + "[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}");
        Schema outer = client(Duration.ofSeconds(5)).schema(5);
        assertEquals("Inner", outer.getField("inner").schema().getName());
        assertEquals(
                List.of("GET /apis/ccompat/v7/schemas/ids/5", "GET /apis/ccompat/v7/subjects/Inner/versions/1"),
                requests);
    }

    @Test
    void aRegistryThatAcceptsButNeverAnswersIsUnavailableWhenTheDeadlinePasses() {
        frozen = true;
        SchemaRegistryClient client = client(Duration.ofMillis(300));
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> client.schema(42));
        assertEquals("schema id 42: the registry at " + url() + " did not answer within 300ms", e.getMessage());
        assertTrue(RegistryFailures.isUnavailable(e));
    }

    @Test
    void a503IsUnavailable() {
        status = 503;
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).schema(42));
        assertEquals("schema id 42: the registry at " + url() + " answered 503 {\"error_code\": 503}", e.getMessage());
    }

    @Test
    void a429IsUnavailable() {
        status = 429;
        assertThrows(
                RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).schema(42));
    }

    @Test
    void anUnknownIdIsTheRecordsFault() {
        status = 404;
        SerializationException e = assertThrows(
                SerializationException.class,
                () -> client(Duration.ofSeconds(5)).schema(7));
        assertEquals("schema id 7 is unknown to the registry at " + url(), e.getMessage());
        assertFalse(RegistryFailures.isUnavailable(e));
    }

    @Test
    void aRefusedSchemaSaysWhatTheRegistryAnswered() {
        status = 409;
        SerializationException e = assertThrows(
                SerializationException.class,
                () -> client(Duration.ofSeconds(5)).register("digest.papers-value", Paper.getClassSchema()));
        assertEquals(
                "registering dev.digestpipeline.schemas.Paper under digest.papers-value: the registry at " + url()
                        + " refused with 409 {\"error_code\": 409}",
                e.getMessage());
        assertFalse(RegistryFailures.isUnavailable(e));
    }

    @Test
    void aRegistryThatIsNotListeningIsUnavailable() {
        server.stop(0);
        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).schema(42));
        assertTrue(
                e.getMessage().startsWith("schema id 42: the registry at " + url() + " could not be reached"),
                e.getMessage());
    }

    @Test
    void credentialsGoAsHttpBasic() {
        new SchemaRegistryClient(new RegistryAccess(url(), "digest", "s3cret", null)).schema(42);
        assertEquals(List.of("GET /apis/ccompat/v7/schemas/ids/42 Basic ZGlnZXN0OnMzY3JldA=="), requests);
    }

    @Test
    void theApiIsTheConfluentCompatibleOneUnderTheBaseUrl() {
        assertEquals("http://r:1/apis/ccompat/v7", SchemaRegistryClient.apiUrl("http://r:1/"));
        assertEquals("http://r:1/apis/ccompat/v7", SchemaRegistryClient.apiUrl("http://r:1/apis/registry/v3"));
        assertEquals("http://r:1/apis/ccompat/v6", SchemaRegistryClient.apiUrl("http://r:1/apis/ccompat/v6"));
    }
}
