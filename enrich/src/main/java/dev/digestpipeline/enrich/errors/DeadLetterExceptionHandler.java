package dev.digestpipeline.enrich.errors;

import dev.digestpipeline.common.kafka.DeadLetterStage;
import dev.digestpipeline.common.kafka.DeadLetters;
import dev.digestpipeline.common.registry.RegistryFailures;
import dev.digestpipeline.common.retry.Backoff;
import dev.digestpipeline.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' three error hooks (deserialization, processing, production) in one: each failed record becomes
 * a DeadLetter with stage, reason, source position and original bytes, sent in the same transaction to
 * digest.pages.dlq when it came from the raw pages, else to digest.papers.dlq, and processing resumes. A poison
 * record therefore never stops a stream thread.
 *
 * <p>Except on the main output: a merged paper that cannot be written to digest.papers fails the task, so the
 * exactly-once transaction aborts with the merge store's update and the record is processed again once the cause
 * (a registry or broker outage) is gone. Resuming there would leave the store ahead of the topic, and re-publishing
 * the page would then emit nothing. And except when the schema registry did not answer ({@link RegistryFailures}):
 * the record is not at fault, so the task fails after a short wait and reads it again; the same when the registry
 * cannot give a dead letter its schema id, on any hook.
 */
public final class DeadLetterExceptionHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
    /** The raw pages topic: errors on records from it go to the pages dead-letter topic. */
    public static final String PAGES_SOURCE_CONFIG = "digest.dlq.pages.source";

    public static final String PAGES_DLQ_CONFIG = "digest.dlq.pages.topic";
    public static final String PAPERS_DLQ_CONFIG = "digest.dlq.papers.topic";
    /** How long a stream thread waits when the registry did not answer, before its task restarts (ms). */
    public static final String REGISTRY_WAIT_CONFIG = "digest.dlq.registry.wait.ms";

    /** The main output, whose records are never dead-lettered: a failure to write one fails the task. */
    public static final String PAPERS_OUTPUT_CONFIG = "digest.dlq.papers.output";
    /** A {@code Serializer<DeadLetter>} instance (the registry serde in the app, a plain one in tests). */
    public static final String SERIALIZER_CONFIG = "digest.dlq.serializer";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private String pagesSource;
    private String pagesDlq;
    private String papersDlq;
    private String papersOutput;
    /** The wait before a task restarts after the registry did not answer: 5 s, ±20 % so threads drift apart. */
    private Backoff registryWait = registryBackoff(Duration.ofSeconds(5));

    private Serializer<DeadLetter> serializer;
    private final Clock clock = Clock.systemUTC();

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        pagesSource = (String) configs.get(PAGES_SOURCE_CONFIG);
        pagesDlq = (String) configs.get(PAGES_DLQ_CONFIG);
        papersDlq = (String) configs.get(PAPERS_DLQ_CONFIG);
        papersOutput = (String) configs.get(PAPERS_OUTPUT_CONFIG);
        if (configs.get(REGISTRY_WAIT_CONFIG) != null) {
            registryWait = registryBackoff(Duration.ofMillis(
                    Long.parseLong(configs.get(REGISTRY_WAIT_CONFIG).toString())));
        }
        serializer = (Serializer<DeadLetter>) configs.get(SERIALIZER_CONFIG);
        if (pagesDlq == null || papersDlq == null || serializer == null) {
            throw new IllegalArgumentException("DeadLetterExceptionHandler needs " + PAGES_DLQ_CONFIG + ", "
                    + PAPERS_DLQ_CONFIG + " and " + SERIALIZER_CONFIG);
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (RegistryFailures.isUnavailable(exception)) {
            waitForRegistry(context, exception);
            return DeserializationExceptionHandler.Response.fail();
        }
        return deadLetter(
                        context,
                        DeadLetterStage.ENRICH_DESERIALIZE.id(),
                        "record on " + record.topic() + " cannot be deserialized: " + describe(exception),
                        record.key(),
                        record.value())
                .map(DeserializationExceptionHandler.Response::resume)
                .orElseGet(DeserializationExceptionHandler.Response::fail);
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (RegistryFailures.isUnavailable(exception)) {
            waitForRegistry(context, exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        if (exception instanceof StreamsException) {
            // Streams' own failure, raised by a forward this handler's production hook chose to fail (the main
            // output): it must fail the task, not be dead-lettered on its way up
            return ProcessingExceptionHandler.Response.fail();
        }
        return deadLetter(
                        context,
                        DeadLetterStage.ENRICH_PROCESS.id(),
                        "processor " + context.processorNodeId() + " failed: " + describe(exception),
                        context.sourceRawKey(),
                        context.sourceRawValue())
                .map(ProcessingExceptionHandler.Response::resume)
                .orElseGet(ProcessingExceptionHandler.Response::fail);
    }

    @Override
    public ProductionExceptionHandler.Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (isMainOutput(record.topic())) {
            return failTask(context, record.topic(), exception);
        }
        return deadLetter(
                        context,
                        DeadLetterStage.ENRICH_PRODUCE.id(),
                        "writing to " + record.topic() + " failed: " + describe(exception),
                        record.key(),
                        record.value())
                .map(ProductionExceptionHandler.Response::resume)
                .orElseGet(ProductionExceptionHandler.Response::fail);
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        if (isMainOutput(record.topic())) {
            return failTask(context, record.topic(), exception);
        }
        if (RegistryFailures.isUnavailable(exception)) {
            // a dead letter (or a tag's copy) the registry could not give an id: written when the task reads the
            // record again, not turned into a letter about itself
            waitForRegistry(context, exception);
            return ProductionExceptionHandler.Response.fail();
        }
        return deadLetter(
                        context,
                        DeadLetterStage.ENRICH_SERIALIZE.id(),
                        "record for " + record.topic() + " cannot be serialized ("
                                + origin.name().toLowerCase(Locale.ROOT) + "): " + describe(exception),
                        context.sourceRawKey(),
                        context.sourceRawValue())
                .map(ProductionExceptionHandler.Response::resume)
                .orElseGet(ProductionExceptionHandler.Response::fail);
    }

    /**
     * The registry did not answer: the record is not at fault and is read again when the task restarts. The
     * thread waits a little first, so that an outage is not a busy loop of task restarts.
     */
    private void waitForRegistry(ErrorHandlerContext context, Exception exception) {
        // the same wait each time: the handler cannot see a success that would end an outage's count
        Duration wait = registryWait.after(1);
        log.warn(
                "schema registry unavailable reading {}-{}@{} ({}): the task restarts in {} s and reads it again",
                context.topic(),
                context.partition(),
                context.offset(),
                describe(exception),
                wait.toMillis() / 1000.0);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Backoff registryBackoff(Duration wait) {
        return new Backoff(wait, wait, 0.2);
    }

    private boolean isMainOutput(String topic) {
        return topic != null && topic.equals(papersOutput);
    }

    private static ProductionExceptionHandler.Response failTask(
            ErrorHandlerContext context, String topic, Exception exception) {
        log.error(
                "writing the merged paper from {}-{}@{} to {} failed ({}): the task fails and the record is processed "
                        + "again",
                context.topic(),
                context.partition(),
                context.offset(),
                topic,
                describe(exception));
        return ProductionExceptionHandler.Response.fail();
    }

    /**
     * The letter as the record to send; empty when the registry could not give it its schema id, after the wait
     * (the task then fails and reads the record again). Any other failure to write a letter is a bug, and thrown.
     */
    private Optional<List<ProducerRecord<byte[], byte[]>>> deadLetter(
            ErrorHandlerContext context, String stage, String reason, byte[] key, byte[] value) {
        String topic = context.topic() != null && context.topic().equals(pagesSource) ? pagesDlq : papersDlq;
        DeadLetter letter = DeadLetters.of(
                stage, reason, context.topic(), context.partition(), context.offset(), key, value, clock.instant());
        byte[] bytes;
        try {
            bytes = serializer.serialize(topic, letter);
        } catch (RuntimeException e) {
            if (!RegistryFailures.isUnavailable(e)) {
                throw e;
            }
            waitForRegistry(context, e);
            return Optional.empty();
        }
        log.warn(
                "record {} from {}-{}@{} dead-lettered to {} ({}): {}",
                key == null ? "(no key)" : new String(key, StandardCharsets.UTF_8),
                context.topic(),
                context.partition(),
                context.offset(),
                topic,
                stage,
                reason);
        return Optional.of(List.of(new ProducerRecord<>(topic, key, bytes)));
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
