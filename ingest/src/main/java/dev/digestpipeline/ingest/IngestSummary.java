package dev.digestpipeline.ingest;

import java.util.List;

/** What one ingest run published and what it could not, with reasons. */
public record IngestSummary(String topic, List<String> published, List<String> failed, long bytes, long millis) {
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("published ")
                .append(published.size())
                .append(" page(s), ")
                .append(bytes)
                .append(" bytes, to ")
                .append(topic)
                .append(" in ")
                .append(millis)
                .append(" ms");
        if (!failed.isEmpty()) {
            out.append("; ").append(failed.size()).append(" failed:");
            failed.forEach(f -> out.append("\n  ").append(f));
        }
        return out.toString();
    }
}
