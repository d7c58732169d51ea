package dev.digestpipeline.sink.index;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;

/** The strict mapping of the trends index: one document per tag, granularity and window, with its latest count. */
public final class TrendIndex {
    private TrendIndex() {}

    public static TypeMapping mapping() {
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                .properties("tag", p -> p.keyword(k -> k))
                .properties("area", p -> p.keyword(k -> k))
                .properties("granularity", p -> p.keyword(k -> k))
                .properties("windowStart", p -> p.date(d -> d))
                .properties("windowEnd", p -> p.date(d -> d))
                .properties("distinctPapers", p -> p.integer(i -> i))
                .properties("closed", p -> p.boolean_(b -> b)));
    }
}
