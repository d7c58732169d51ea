package dev.digestpipeline.enrich.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.digestpipeline.common.registry.RegistryUnavailableException;
import dev.digestpipeline.enrich.AvroTestSerde;
import dev.digestpipeline.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The handler's answers for the errors TopologyTestDriver cannot provoke: unreadable input, refused output. */
class DeadLetterExceptionHandlerTest {
    private final AvroTestSerde<DeadLetter> letters = new AvroTestSerde<>(DeadLetter.class);
    private final DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();

    {
        handler.configure(Map.of(
                DeadLetterExceptionHandler.PAGES_SOURCE_CONFIG,
                "digest.pages.raw",
                DeadLetterExceptionHandler.PAGES_DLQ_CONFIG,
                "digest.pages.dlq",
                DeadLetterExceptionHandler.PAPERS_DLQ_CONFIG,
                "digest.papers.dlq",
                DeadLetterExceptionHandler.PAPERS_OUTPUT_CONFIG,
                "digest.papers",
                DeadLetterExceptionHandler.REGISTRY_WAIT_CONFIG,
                "1",
                DeadLetterExceptionHandler.SERIALIZER_CONFIG,
                letters.serializer()));
    }

    private static ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 41;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "merge-paper";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, 2);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return "k".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return new byte[] {1, 2};
            }
        };
    }

    private DeadLetter letterOf(ProducerRecord<byte[], byte[]> record) {
        return letters.deserializer().deserialize(record.topic(), record.value());
    }

    @Test
    void unreadablePaperOnTheRepartitionTopicGoesToThePapersDeadLetterTopicAndProcessingResumes() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "enrich-papers-by-id-repartition", 2, 41, "2508.00001".getBytes(StandardCharsets.UTF_8), new byte[] {
                    0, 9
                });
        DeserializationExceptionHandler.Response response = handler.handleError(
                context("enrich-papers-by-id-repartition"), record, new SerializationException("unknown schema id 9"));
        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
        assertEquals("digest.papers.dlq", out.topic());
        DeadLetter letter = letterOf(out);
        assertEquals("enrich-deserialize", letter.getStage());
        assertEquals(
                "record on enrich-papers-by-id-repartition cannot be deserialized: SerializationException: "
                        + "unknown schema id 9",
                letter.getReason());
        assertEquals(ByteBuffer.wrap(new byte[] {0, 9}), letter.getOriginalValue());
        assertEquals(41L, letter.getSourceOffset());
    }

    @Test
    void aRoutedRecordTheBrokerRefusesIsADeadLetterWithTheBytesThatWereRefused() {
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>(
                "digest.papers.by-tag", "2508.00001".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7});
        ProductionExceptionHandler.Response response = handler.handleError(
                context("digest.pages.raw"), refused, new RecordTooLargeException("record is 20000000 bytes"));
        assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
        List<ProducerRecord<byte[], byte[]>> out = response.deadLetterQueueRecords();
        assertEquals("digest.pages.dlq", out.get(0).topic());
        DeadLetter letter = letterOf(out.get(0));
        assertEquals("enrich-produce", letter.getStage());
        assertEquals(
                "writing to digest.papers.by-tag failed: RecordTooLargeException: record is 20000000 bytes",
                letter.getReason());
        assertEquals(ByteBuffer.wrap(new byte[] {7, 7, 7}), letter.getOriginalValue());
    }

    @Test
    void aMergedPaperTheBrokerRefusesFailsTheTaskSoItsTransactionAbortsAndNothingIsDeadLettered() {
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>(
                "digest.papers", "2508.00001".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7});
        ProductionExceptionHandler.Response response = handler.handleError(
                context("enrich-papers-by-id-repartition"), refused, new TimeoutException("broker unreachable"));
        assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    @Test
    void aMergedPaperThatCannotBeSerializedFailsTheTaskToo() {
        ProducerRecord<byte[], byte[]> unserializable = new ProducerRecord<>("digest.papers", null, null);
        ProductionExceptionHandler.Response response = handler.handleSerializationError(
                context("enrich-papers-by-id-repartition"),
                unserializable,
                new SerializationException("registry unreachable"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
    }

    @Test
    void aStreamsFailureRaisedThroughAProcessorFailsTheTaskInsteadOfBeingDeadLettered() {
        ProcessingExceptionHandler.Response response = handler.handleError(
                context("enrich-papers-by-id-repartition"),
                new Record<>("2508.00001", "paper", 0L),
                new StreamsException("Unable to serialize record"));
        assertEquals(ProcessingExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    @Test
    void aDeadLetterTheRegistryCannotGiveAnIdFailsTheTaskInsteadOfBecomingALetterAboutItself() {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("digest.pages.dlq", null, null);
        ProductionExceptionHandler.Response response = handler.handleSerializationError(
                context("digest.pages.raw"),
                letter,
                new RegistryUnavailableException("registering DeadLetter: the registry did not answer within 10s"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    @Test
    void aDeadLetterThatCannotBeWrittenWhileTheRegistryIsDownFailsTheTask() {
        DeadLetterExceptionHandler registryless = new DeadLetterExceptionHandler();
        Serializer<DeadLetter> down = (topic, letter) -> {
            throw new RegistryUnavailableException("registering DeadLetter: the registry did not answer within 10s");
        };
        registryless.configure(Map.of(
                DeadLetterExceptionHandler.PAGES_SOURCE_CONFIG, "digest.pages.raw",
                DeadLetterExceptionHandler.PAGES_DLQ_CONFIG, "digest.pages.dlq",
                DeadLetterExceptionHandler.PAPERS_DLQ_CONFIG, "digest.papers.dlq",
                DeadLetterExceptionHandler.PAPERS_OUTPUT_CONFIG, "digest.papers",
                DeadLetterExceptionHandler.REGISTRY_WAIT_CONFIG, "1",
                DeadLetterExceptionHandler.SERIALIZER_CONFIG, down));
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>(
                "digest.papers.by-tag", "2508.00001".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7});
        ProductionExceptionHandler.Response response = registryless.handleError(
                context("digest.pages.raw"), refused, new RecordTooLargeException("record is 20000000 bytes"));
        assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    /** A failure when the registry refuses connections, as a client wrapping the HTTP client's reports it. */
    private static RuntimeException registryDown() {
        return new RuntimeException(new java.util.concurrent.ExecutionException(
                new java.net.ConnectException("Connection refused: /127.0.0.1:8081")));
    }

    @Test
    void aRecordReadWhileTheRegistryIsDownIsReadAgainNotDeadLettered() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "enrich-papers-by-id-repartition", 2, 41, "2508.00001".getBytes(StandardCharsets.UTF_8), new byte[] {
                    0, 0, 0, 0, 0, 0, 0, 0, 9
                });
        DeserializationExceptionHandler.Response response =
                handler.handleError(context("enrich-papers-by-id-repartition"), record, registryDown());
        assertEquals(DeserializationExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }

    @Test
    void aPageReadWhileTheRegistryIsDownFailsItsTaskToo() {
        ProcessingExceptionHandler.Response response = handler.handleError(
                context("digest.pages.raw"), new Record<>("https://hf.example/p", "page", 0L), registryDown());
        assertEquals(ProcessingExceptionHandler.Result.FAIL, response.result());
        assertEquals(List.of(), response.deadLetterQueueRecords());
    }
}
