package dev.digestpipeline.common.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics an app uses when they do not exist yet, and says plainly at start when one exists with fewer
 * partitions or replicas than the app would create it with (existing topics are never changed).
 */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {}

    /** Connects to Kafka with the app's client settings ({@code kafka.*}), then does {@link #ensure(Admin, List)}. */
    public static void ensure(String bootstrapServers, Map<String, String> kafka, List<NewTopic> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(kafka);
        try (Admin admin = Admin.create(props)) {
            ensure(admin, topics);
        }
    }

    /** Creates the missing topics; gives what differs in the existing ones (each also logged as a warning). */
    public static List<String> ensure(Admin admin, List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            List<NewTopic> present =
                    topics.stream().filter(t -> existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // another app created it meanwhile
                        throw e;
                    }
                }
            }
            if (present.isEmpty()) {
                return List.of();
            }
            Map<String, TopicDescription> described = admin.describeTopics(
                            present.stream().map(NewTopic::name).toList())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            List<String> differences = differences(present, described);
            differences.forEach(d -> log.warn("{}", d));
            return differences;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not create topics "
                            + topics.stream().map(NewTopic::name).toList() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Existing topics with fewer partitions or replicas than the app would create them with, said plainly. */
    static List<String> differences(List<NewTopic> wanted, Map<String, TopicDescription> actual) {
        List<String> out = new ArrayList<>();
        for (NewTopic topic : wanted) {
            TopicDescription found = actual.get(topic.name());
            if (found == null || found.partitions().isEmpty()) {
                continue;
            }
            int partitions = found.partitions().size();
            if (topic.numPartitions() > 0 && partitions < topic.numPartitions()) {
                out.add("topic " + topic.name() + " exists with " + partitions + " partition"
                        + (partitions == 1 ? "" : "s") + ", fewer than the " + topic.numPartitions()
                        + " this app creates it with: fewer instances can share its work (partitions can be added "
                        + "with kafka-topics --alter; a keyed topic's keys then move)");
            }
            int replicas = found.partitions().stream()
                    .mapToInt(p -> p.replicas().size())
                    .min()
                    .orElse(0);
            if (topic.replicationFactor() > 0 && replicas < topic.replicationFactor()) {
                out.add("topic " + topic.name() + " exists with " + replicas + " replica"
                        + (replicas == 1 ? "" : "s") + ", fewer than the " + topic.replicationFactor()
                        + " of replication.factor: losing " + (replicas == 1 ? "its broker" : "brokers")
                        + " loses its records (kafka-reassign-partitions adds replicas)");
            }
        }
        return out;
    }
}
