package dev.digestpipeline.common.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digestpipeline.common.settings.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry through its Confluent-compatible API ({@code /apis/ccompat/v7} of Apicurio Registry, whose ids
 * are the content ids Apicurio's own API gives), with a deadline on every call: connecting, the answer and its body
 * all within {@code registry.timeout}, so a registry that accepts connections and never answers is a
 * {@link RegistryUnavailableException}, never a hung thread. Every schema learnt by id and every id learnt for a
 * subject's schema is kept for the life of the process (ids never change): once a topic's schemas are known, its
 * records are read and written without the registry. One client per registry serves the whole process.
 */
public final class SchemaRegistryClient implements SchemaLookup {
    private static final Map<RegistryAccess, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    /** A bound on the references one schema's may lead to, so that a cycle cannot loop. */
    private static final int MAX_REFERENCES = 100;

    private final RegistryAccess access;
    private final String api;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();

    SchemaRegistryClient(RegistryAccess access) {
        this.access = access;
        this.api = apiUrl(access.url());
        HttpClient.Builder http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(access.timeout());
        if (access.caFile() != null) {
            http.sslContext(CaCertificates.trusting(access.caFile()));
        }
        this.http = http.build();
        this.authorization = access.username() == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (access.username() + ":" + access.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** The process's client of the registry. */
    public static SchemaRegistryClient of(RegistryAccess access) {
        return SHARED.computeIfAbsent(access, SchemaRegistryClient::new);
    }

    /** The Confluent-compatible API under the registry's base URL; a URL already naming it is kept. */
    static String apiUrl(String registryUrl) {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        int apis = base.indexOf("/apis/");
        if (apis >= 0) {
            return base.startsWith("/apis/ccompat/", apis) ? base : base.substring(0, apis) + "/apis/ccompat/v7";
        }
        return base + "/apis/ccompat/v7";
    }

    @Override
    public Schema schema(int id) {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        String what = "schema id " + id;
        JsonNode answer = call(
                HttpRequest.newBuilder(URI.create(api + "/schemas/ids/" + id)).GET(), what, 404);
        if (answer == null) {
            throw new SerializationException("schema id " + id + " is unknown to the registry at " + access.url());
        }
        Schema.Parser parser = new Schema.Parser();
        parseReferences(parser, answer.path("references"), new HashSet<>(), what);
        Schema schema = parse(parser, answer.path("schema").asText(), what);
        Schema first = schemas.putIfAbsent(id, schema);
        return first != null ? first : schema;
    }

    /**
     * The named types a schema refers to, each its own subject version (Apicurio's serde registers a record's nested
     * records so), parsed first, depth first, so that the schema's names resolve.
     */
    private void parseReferences(Schema.Parser parser, JsonNode references, Set<String> parsed, String what) {
        for (JsonNode reference : references) {
            String subject = reference.path("subject").asText();
            String version = reference.path("version").asText();
            if (parsed.size() > MAX_REFERENCES) {
                throw new SerializationException(what + ": more than " + MAX_REFERENCES + " schema references");
            }
            if (!parsed.add(subject + "/" + version)) {
                continue;
            }
            String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions/"
                    + URLEncoder.encode(version, StandardCharsets.UTF_8);
            String referenceWhat = what + ", its reference " + subject + " version " + version;
            JsonNode answer =
                    call(HttpRequest.newBuilder(URI.create(api + path)).GET(), referenceWhat, 404);
            if (answer == null) {
                throw new SerializationException(referenceWhat + " is unknown to the registry at " + access.url());
            }
            parseReferences(parser, answer.path("references"), parsed, referenceWhat);
            parse(parser, answer.path("schema").asText(), referenceWhat);
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> subjectIds = ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer known = subjectIds.get(schema);
        if (known != null) {
            return known;
        }
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        api + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
                .header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        JsonNode answer = call(request, "registering " + schema.getFullName() + " under " + subject, -1);
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SerializationException("the registry at " + access.url() + " answered registering under "
                    + subject + " without an id: " + answer);
        }
        subjectIds.put(schema, id.intValue());
        schemas.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    /** The answer's JSON, or null for {@code absentStatus}; every other failure as an exception that says which. */
    private JsonNode call(HttpRequest.Builder request, String what, int absentStatus) {
        request.timeout(access.timeout()).header("Accept", MEDIA_TYPE);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long deadline = access.timeout().toMillis();
        CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            // the whole exchange, body included, within the deadline: the request's own timeout stops at the headers
            response = pending.get(deadline, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw unavailable(what, "did not answer within " + Durations.format(access.timeout()), e);
        } catch (ExecutionException e) {
            throw unavailable(what, "could not be reached (" + e.getCause() + ")", e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(what, "was not waited for: the thread was interrupted", e);
        }
        int status = response.statusCode();
        if (status == absentStatus) {
            return null;
        }
        if (status >= 500 || status == 429) {
            throw new RegistryUnavailableException(
                    what + ": the registry at " + access.url() + " answered " + status + " " + brief(response.body()));
        }
        if (status / 100 != 2) {
            throw new SerializationException(what + ": the registry at " + access.url() + " refused with " + status
                    + " " + brief(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SerializationException(
                    what + ": the registry at " + access.url() + " answered what is not JSON: "
                            + brief(response.body()),
                    e);
        }
    }

    private RegistryUnavailableException unavailable(String what, String why, Throwable cause) {
        return new RegistryUnavailableException(what + ": the registry at " + access.url() + " " + why, cause);
    }

    private Schema parse(Schema.Parser parser, String text, String what) {
        try {
            return parser.parse(text);
        } catch (AvroRuntimeException e) { // SchemaParseException, or AvroTypeException for an undefined name
            throw new SerializationException(
                    what + ": the registry at " + access.url() + " holds what is not an Avro schema: " + e.getMessage(),
                    e);
        }
    }

    private static String brief(String body) {
        String one = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
