package dev.digestpipeline.bench.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.digestpipeline.common.kafka.TopicAdmin;
import dev.digestpipeline.common.kafka.TopicLayout;
import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.common.registry.RegistrySerdes;
import dev.digestpipeline.common.settings.CommonSettings;
import dev.digestpipeline.common.settings.Setting;
import dev.digestpipeline.enrich.EnrichConfig;
import dev.digestpipeline.schemas.RawPage;
import dev.digestpipeline.sink.ElasticsearchAccess;
import dev.digestpipeline.stack.LocalStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A benchmark run's own place on the stack: topics, consumer groups and indices named after the run, so that it
 * neither reads nor disturbs a pipeline running there, and deletes them all at the end.
 */
final class BenchStack {
    private final LocalStack stack;
    private final String run;
    private final Consumer<String> say;

    BenchStack(LocalStack stack, String run, Consumer<String> say) {
        this.stack = stack;
        this.run = run;
        this.say = say;
    }

    LocalStack stack() {
        return stack;
    }

    /** The run's name, which its topics, groups and indices start with. */
    String run() {
        return run;
    }

    /**
     * Enrich's settings for the run: its application id, topics and state folder of the run's own; with a
     * recording file, under Java Flight Recorder.
     */
    Map<String, String> enrichSettings(Path stateDir, Path recording) {
        Map<String, String> env = new HashMap<>();
        env.put(CommonSettings.BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers());
        env.put(CommonSettings.REGISTRY_URL.envName(), stack.registryUrl());
        env.put(EnrichConfig.APPLICATION_ID.envName(), run + "-enrich");
        for (Setting topic : EnrichConfig.TOPIC_SETTINGS) {
            env.put(topic.envName(), run + "." + topic.defaultValue());
        }
        env.put(EnrichConfig.STATE_DIR.envName(), stateDir.toString());
        if (recording != null) {
            // from the start, written when enrich stops: a recording started later with jcmd deoptimized so much
            // compiled code that the JIT took 42 % of the measured time; the report reads the measured part only
            env.put(
                    "JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        return env;
    }

    /** The sink's settings for the run: its group, topics and indices of the run's own. */
    Map<String, String> sinkSettings() {
        return Map.of(
                "DIGEST_GROUP_ID", run + "-sink",
                "DIGEST_TOPIC_PAPERS", run + "." + Topics.PAPERS.name(),
                "DIGEST_TOPIC_TRENDS", run + "." + Topics.TRENDS.name(),
                "DIGEST_TOPIC_PAPERS_DLQ", run + "." + Topics.PAPERS_DLQ.name(),
                "DIGEST_INDEX_ALIAS", run + "-papers",
                "DIGEST_INDEX_TRENDS_ALIAS", run + "-trends");
    }

    Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return props;
    }

    /** Publishes the pages, keyed by their URIs, and returns once Kafka acknowledged them all. */
    void publish(String topic, List<RawPage> pages) throws Exception {
        try (Serde<RawPage> serde = RegistrySerdes.valueSerde(stack.registryUrl());
                KafkaProducer<String, RawPage> producer =
                        new KafkaProducer<>(producerProps(), new StringSerializer(), serde.serializer())) {
            for (RawPage page : pages) {
                Future<RecordMetadata> unused = producer.send(new ProducerRecord<>(topic, page.getSourceUri(), page));
            }
            producer.flush();
        }
    }

    /** A topic of the run's for raw pages. */
    void createTopic(String topic) {
        TopicAdmin.ensure(
                stack.bootstrapServers(),
                Map.of(),
                List.of(Topics.PAGES_RAW.newTopic(topic, TopicLayout.DEFAULTS, null)));
    }

    /** Deletes the run's topics and indices, so runs do not fill the stack. */
    void cleanUp() {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<String> ours = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(run))
                    .toList();
            admin.deleteTopics(ours).all().get();
        } catch (Exception e) {
            say.accept("could not delete the run's topics: " + e);
        }
        try (ElasticsearchClient es =
                ElasticsearchAccess.anonymous(stack.elasticsearchUrl()).client()) {
            // deleting by wildcard is refused (action.destructive_requires_name): names first
            List<String> indices = new ArrayList<>(
                    es.indices().get(g -> g.index(run + "-*")).indices().keySet());
            if (!indices.isEmpty()) {
                es.indices().delete(d -> d.index(indices));
            }
        } catch (Exception e) {
            say.accept("could not delete the run's indices: " + e);
        }
    }
}
