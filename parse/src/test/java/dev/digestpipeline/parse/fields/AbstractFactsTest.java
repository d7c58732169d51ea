package dev.digestpipeline.parse.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbstractFactsTest {
    @Test
    void modelSizesAsWrittenIncludingInsideModelNamesAndMixtures() {
        assertEquals(
                List.of("8B", "34B", "1.5B", "8x7B", "175B"),
                AbstractFacts.of("We scale from Llama-3.1-8B to "
                                + "34B and a 1.5B draft model, an 8x7B mixture, and a 175 billion-parameter model.")
                        .modelSizes());
    }

    @Test
    void computeInGpuHoursGpuCountsAndFlops() {
        assertEquals(
                List.of("2400 H100 GPU hours", "64 A100 GPUs", "1,000 GPU hours", "3e23 FLOPs"),
                AbstractFacts.of("Training took 2400 H100 GPU hours on 64 A100 GPUs; ablations used 1,000 GPU hours "
                                + "and 3e23 FLOPs.")
                        .computeBudgets());
    }

    @Test
    void contextLengthsInTokensAndContextPhrases() {
        assertEquals(
                List.of("1M tokens", "128K context", "32K context"),
                AbstractFacts.of("It reads 1M tokens, "
                                + "beats 128K context baselines and extends the context window to 32K.")
                        .contextLengths());
    }

    @Test
    void numbersThatAreNotFactsAreLeftAlone() {
        assertEquals(AbstractFacts.NONE, AbstractFacts.of("We improve accuracy by 8% on 3 benchmarks in 2024."));
    }
}
