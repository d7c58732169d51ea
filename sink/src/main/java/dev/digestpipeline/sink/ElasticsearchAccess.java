package dev.digestpipeline.sink;

import static dev.digestpipeline.common.settings.CommonSettings.ELASTICSEARCH_URL;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.TransportUtils;
import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * How the sink reaches Elasticsearch: its URL and, for a secured cluster, an API key or a user and password, and the
 * CA certificate (PEM, Elasticsearch's {@code http_ca.crt}) an https cluster is trusted by. The local stack runs
 * Elasticsearch with security off on loopback and needs none of them.
 *
 * @param caFile null: the JVM's trust store
 */
public record ElasticsearchAccess(String url, String username, String password, String apiKey, Path caFile) {
    public static final Setting USERNAME =
            Setting.text("elasticsearch.username", "", "Elasticsearch user (basic auth); blank: none");
    public static final Setting PASSWORD = Setting.text(
                    "elasticsearch.password", "", "password of elasticsearch.username")
            .asSecret();
    public static final Setting API_KEY = Setting.text(
                    "elasticsearch.api.key", "", "Elasticsearch API key (the encoded id:key), instead of a user")
            .asSecret();
    public static final Setting CA_FILE = Setting.path(
            "elasticsearch.ca.file",
            "",
            "PEM file of the CA certificate an https Elasticsearch is trusted by (its http_ca.crt); blank: the JVM's");

    public ElasticsearchAccess {
        if (username != null && password == null) {
            throw new IllegalArgumentException(USERNAME.name() + " is set but " + PASSWORD.name() + " is not");
        }
        if (username != null && apiKey != null) {
            throw new IllegalArgumentException(
                    "set " + USERNAME.name() + " or " + API_KEY.name() + ", not both: which one would be used?");
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new IllegalArgumentException(CA_FILE.name() + " " + caFile + " is not a readable file");
        }
    }

    public static ElasticsearchAccess anonymous(String url) {
        return new ElasticsearchAccess(url, null, null, null, null);
    }

    public static ElasticsearchAccess from(AppSettings settings) {
        return new ElasticsearchAccess(
                settings.text(ELASTICSEARCH_URL),
                settings.optional(USERNAME),
                settings.optional(PASSWORD),
                settings.optional(API_KEY),
                settings.path(CA_FILE));
    }

    /** A client that sends the credentials with every request and trusts the CA file's certificate. */
    public ElasticsearchClient client() throws IOException {
        SSLContext ssl = caFile == null ? null : TransportUtils.sslContextFromHttpCaCrt(caFile.toFile());
        return ElasticsearchClient.of(b -> {
            b.hosts(nodes(url));
            if (apiKey != null) {
                b.apiKey(apiKey);
            } else if (username != null) {
                b.usernameAndPassword(username, password);
            }
            if (ssl != null) {
                b.sslContext(ssl);
            }
            return b;
        });
    }

    /** The nodes of {@code elasticsearch.url}: one base URL, or several separated by commas (one cluster's). */
    static List<URI> nodes(String url) {
        List<URI> nodes = new ArrayList<>();
        for (String node : url.split(",", -1)) {
            if (!node.isBlank()) {
                nodes.add(URI.create(node.strip()));
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(ELASTICSEARCH_URL.name() + " names no node");
        }
        return nodes;
    }

    /** The secrets left out, so that the record can be logged. */
    @Override
    public String toString() {
        return url
                + (username == null ? "" : " as " + username)
                + (apiKey == null ? "" : " with an API key")
                + (caFile == null ? "" : " trusting " + caFile);
    }
}
