package dev.digestpipeline.examples;

import dev.digestpipeline.schemas.Paper;
import dev.digestpipeline.schemas.Tag;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints every paper of one area as it arrives: {@code AreaConsumer vision}. A team's consumer starts here. */
public final class AreaConsumer {
    private AreaConsumer() {}

    /** A consumer group reading our Confluent wire format (schema id in the bytes, no headers) as Paper objects. */
    public static Properties properties(String bootstrapServers, String registryUrl, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // enrich writes in transactions
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
        props.put(AvroSerdeConfig.REGISTRY_URL, registryUrl + "/apis/registry/v3");
        props.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        props.put(AvroSerdeConfig.USE_ID, "contentId");
        props.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        return props;
    }

    /** One line per paper: id, title, tags. */
    public static String line(Paper paper) {
        String tags = paper.getTags().stream().map(Tag::getName).collect(Collectors.joining(", "));
        return paper.getPaperId() + "  " + paper.getTitle() + "  [" + tags + "]";
    }

    public static void main(String[] args) {
        String area = args.length > 0 ? args[0] : "vision";
        String kafka = System.getenv().getOrDefault("DIGEST_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String registry = System.getenv().getOrDefault("DIGEST_REGISTRY_URL", "http://127.0.0.1:8081");
        KafkaConsumer<String, Paper> consumer = new KafkaConsumer<>(properties(kafka, registry, "example-" + area));
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup(); // Ctrl-C: poll throws WakeupException, the consumer leaves its group cleanly
            try {
                main.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (consumer) {
            consumer.subscribe(List.of("digest.papers.area." + area));
            while (true) {
                for (ConsumerRecord<String, Paper> record : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println(line(record.value()));
                }
            }
        } catch (WakeupException stopping) {
            // asked to stop
        }
    }
}
