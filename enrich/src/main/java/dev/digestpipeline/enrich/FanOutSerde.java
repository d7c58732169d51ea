package dev.digestpipeline.enrich;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of a record that goes to many topics (a merged paper: digest.papers, once per tag to
 * digest.papers.by-tag, once per area): serialized once, its bytes reused for each further topic. The registry
 * serde's bytes name the schema by content id, the same under every topic, and carry no headers, so they are the
 * same for every topic. The first record of each topic is still serialized by the registry serde, which registers
 * the schema under that topic's subject. Reuse goes by identity: the same object, on the same thread, with
 * nothing serialized in between (the topology changes no record once it is sent).
 */
final class FanOutSerde<T> implements Serde<T> {
    private final Serde<T> registrySerde;
    private final Serializer<T> serializer;
    private final Set<String> registeredTopics = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Last> last = ThreadLocal.withInitial(Last::new);

    private static final class Last {
        Object value;
        byte[] bytes;
    }

    FanOutSerde(Serde<T> registrySerde) {
        this.registrySerde = registrySerde;
        this.serializer = registrySerde.serializer();
    }

    @Override
    public Serializer<T> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return serialize(topic, null, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                Last previous = last.get();
                if (data != null && data == previous.value && registeredTopics.contains(topic)) {
                    return previous.bytes;
                }
                byte[] bytes = headers == null
                        ? serializer.serialize(topic, data)
                        : serializer.serialize(topic, headers, data);
                if (!registeredTopics.contains(topic)) { // a read, not a write, for every record after the first
                    registeredTopics.add(topic);
                }
                previous.value = data;
                previous.bytes = bytes;
                return bytes;
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return registrySerde.deserializer();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registrySerde.configure(configs, isKey);
    }

    @Override
    public void close() {
        registrySerde.close();
    }
}
