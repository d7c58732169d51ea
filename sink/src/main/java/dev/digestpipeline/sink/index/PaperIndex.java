package dev.digestpipeline.sink.index;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;

/** The strict mapping of the papers index: one document per paper id, its merged state. */
public final class PaperIndex {
    private PaperIndex() {}

    public static TypeMapping mapping() {
        return TypeMapping.of(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
                .properties("paperId", p -> p.keyword(k -> k))
                .properties("arxivId", p -> p.keyword(k -> k))
                .properties("arxivVersion", p -> p.integer(i -> i))
                .properties("title", p -> p.text(t -> t.fields("keyword", f -> f.keyword(k -> k.ignoreAbove(1024)))))
                .properties("shortName", p -> p.keyword(k -> k))
                .properties("abstractText", p -> p.text(t -> t))
                .properties("authors", p -> p.text(t -> t.fields("keyword", f -> f.keyword(k -> k.ignoreAbove(256)))))
                .properties("primaryCategory", p -> p.keyword(k -> k))
                .properties("categories", p -> p.keyword(k -> k))
                .properties("digestDate", p -> p.date(d -> d.format("strict_date")))
                .properties("publishedAt", p -> p.date(d -> d))
                .properties("announcedOn", p -> p.date(d -> d.format("strict_date")))
                .properties("announceType", p -> p.keyword(k -> k))
                .properties("parsedAt", p -> p.date(d -> d))
                .properties("sourcePages", p -> p.keyword(k -> k))
                .properties(
                        "sightings",
                        p -> p.object(o -> o.properties("pageUri", k -> k.keyword(x -> x))
                                .properties("position", i -> i.integer(x -> x))
                                .properties("digestDate", d -> d.date(x -> x.format("strict_date")))
                                .properties("seenAt", d -> d.date(x -> x))))
                .properties("pageKind", p -> p.keyword(k -> k))
                .properties(
                        "links",
                        p -> p.object(o -> o.properties("kind", k -> k.keyword(x -> x))
                                .properties("url", u -> u.keyword(x -> x))
                                .properties("repo", u -> u.keyword(x -> x))))
                .properties("linkKinds", p -> p.keyword(k -> k))
                .properties("repos", p -> p.keyword(k -> k))
                .properties("upvotes", p -> p.integer(i -> i))
                .properties("commentCount", p -> p.integer(i -> i))
                .properties("tags", p -> p.keyword(k -> k))
                .properties(
                        "tagScores",
                        p -> p.object(o -> o.properties("name", k -> k.keyword(x -> x))
                                .properties("score", s -> s.float_(x -> x))
                                .properties("evidence", k -> k.keyword(x -> x))))
                .properties("modelSizes", p -> p.keyword(k -> k))
                .properties("computeBudgets", p -> p.keyword(k -> k))
                .properties("contextLengths", p -> p.keyword(k -> k))
                .properties("revision", p -> p.integer(i -> i))
                .properties("appearances", p -> p.integer(i -> i))
                .properties("firstSeenAt", p -> p.date(d -> d))
                .properties("lastSeenAt", p -> p.date(d -> d)));
    }
}
