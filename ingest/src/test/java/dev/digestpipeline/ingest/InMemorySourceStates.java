package dev.digestpipeline.ingest;

import dev.digestpipeline.ingest.poll.SourceState;
import dev.digestpipeline.ingest.state.SourceStates;
import java.util.LinkedHashMap;
import java.util.Map;

/** The states a run saved, in memory, in the order saved; a new loop over it reads them back like a restart. */
final class InMemorySourceStates implements SourceStates {
    final Map<String, SourceState> saved = new LinkedHashMap<>();

    @Override
    public Map<String, SourceState> load() {
        return Map.copyOf(saved);
    }

    @Override
    public void save(String sourceId, SourceState state) {
        saved.put(sourceId, state);
    }
}
