package dev.digestpipeline.common.kafka;

/**
 * Where a dead letter failed: the stage a {@code DeadLetter} names, declared once for the apps that write letters,
 * the help of {@code ./digest dlq --stage} and the docs' table.
 */
public enum DeadLetterStage {
    ENRICH_DESERIALIZE("enrich-deserialize", "a raw page record enrich cannot read (no value, not a RawPage)"),
    ENRICH_PARSE("enrich-parse", "a page whose format is not known or that holds no paper"),
    ENRICH_PARSE_ENTRIES(
            "enrich-parse-entries", "a page whose good papers went out, but the named entries could not be read"),
    ENRICH_PROCESS("enrich-process", "a record enrich's merge or trends failed on"),
    ENRICH_SERIALIZE("enrich-serialize", "a record enrich cannot write in its topic's schema"),
    ENRICH_PRODUCE("enrich-produce", "a record the broker refused (too large, not authorised)"),
    SINK_DESERIALIZE("sink-deserialize", "a record of digest.papers or digest.trends the sink cannot read"),
    SINK_INDEX("sink-index", "a document Elasticsearch refused (a mapping error, too large)");

    private final String id;
    private final String doc;

    DeadLetterStage(String id, String doc) {
        this.id = id;
        this.doc = doc;
    }

    /** The name a dead letter carries in its {@code stage} field. */
    public String id() {
        return id;
    }

    public String doc() {
        return doc;
    }

    /** The docs' table of the stages. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| stage | what failed |\n|---|---|\n");
        for (DeadLetterStage stage : values()) {
            out.append("| `").append(stage.id).append("` | ").append(stage.doc).append(" |\n");
        }
        return out.toString();
    }
}
