package dev.digestpipeline.parse.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ShortNamesTest {
    @Test
    void nameBeforeTheColon() {
        assertEquals("VectorMapNet", ShortNames.of("VectorMapNet: End-to-end Vectorized HD Map Learning"));
        assertEquals(
                "LLaMA-Adapter V2", ShortNames.of("LLaMA-Adapter V2: Parameter-Efficient Visual Instruction Model"));
        assertEquals("Mamba", ShortNames.of("Mamba: Linear-Time Sequence Modeling with Selective State Spaces"));
    }

    @Test
    void headingBeforeTheColonIsNotAName() {
        assertNull(ShortNames.of("On the Limits of LLM Adaptability: Impact of Priors"));
        assertNull(ShortNames.of("Deep Learning: A Survey"));
        assertNull(ShortNames.of("Thinking Fast, Thinking Slow! Combining Knowledge Graphs"));
    }
}
