package dev.digestpipeline.cli.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A topic's record as one JSON line, the way a person reads it: fields by name, unions as their value (not Avro's
 * {@code {"string": ...}} wrapping), times and days as ISO-8601 text, and bytes as UTF-8 text when they are text
 * (a page's content), base64 otherwise.
 */
final class RecordJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {}

    /** topic, partition, offset, timestamp, key, headers and the value (null for a tombstone). */
    static String line(ConsumerRecord<String, ?> record) {
        return text(node(record));
    }

    /** The line's object, for a caller that adds to it. */
    static ObjectNode node(ConsumerRecord<String, ?> record) {
        ObjectNode line = NODES.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", java.time.Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key());
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.set(
                    header.key(), header.value() == null ? NODES.nullNode() : bytes(ByteBuffer.wrap(header.value())));
        }
        line.set("value", value(record.value()));
        return line;
    }

    /** The object as one line of JSON. */
    static String text(ObjectNode line) {
        try {
            return MAPPER.writeValueAsString(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record as JSON", e);
        }
    }

    /** Any value an Avro specific or generic record holds, by its Java type. */
    static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode node = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), value(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), value(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(v -> node.add(value(v)));
            return node;
        }
        if (value instanceof ByteBuffer buffer) {
            return bytes(buffer);
        }
        if (value instanceof GenericFixed fixed) {
            return bytes(ByteBuffer.wrap(fixed.bytes()));
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        // CharSequence (String, Utf8), enum symbols, Instant, LocalDate and other logical types: their ISO text
        return NODES.textNode(value.toString());
    }

    /** The buffer's remaining bytes, left unread (its position stays). */
    private static JsonNode bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        try {
            return NODES.textNode(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(copy)
                    .toString());
        } catch (CharacterCodingException notText) {
            byte[] raw = new byte[buffer.remaining()];
            buffer.duplicate().get(raw);
            return NODES.objectNode().put("base64", Base64.getEncoder().encodeToString(raw));
        }
    }
}
