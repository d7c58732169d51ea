package dev.digestpipeline.ops.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.digestpipeline.sink.index.PaperDocument;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Full-text search over the papers index with facets (area, tag, day, source kind), and "similar papers" with
 * Elasticsearch's {@code more_like_this}, the way arxiv-sanity-lite lets people browse. Knows nothing of HTTP.
 */
public final class PaperSearch {
    /** Papers per page of results. */
    public static final int PAGE_SIZE = 20;
    /** Longest query text taken: longer ones are a paste gone wrong, not a search. */
    public static final int MAX_QUERY_CHARS = 500;
    /** Days the day facet lists at most. */
    static final int MAX_DAYS = 31;
    /** Characters of an abstract a card shows. */
    static final int ABSTRACT_CHARS = 600;

    /** The facets, by the name the page and the query use, and the field each is read from. */
    public enum Facet {
        AREA(PaperDocument.TAGS, "[^/]+"),
        TAG(PaperDocument.TAGS, ".+/.+"),
        /** Read from three fields, see {@link #dayIs}: no script, so it works on an Elasticsearch without Painless. */
        DAY(null, null),
        KIND(PaperDocument.PAGE_KIND, null);

        private final String field;
        private final String include;

        Facet(String field, String include) {
            this.field = field;
            this.include = include;
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The fields a paper's day is read from, the first present first: "the papers of that day" as people say it. */
    private static final List<String> DAY_FIELDS =
            List.of(PaperDocument.DIGEST_DATE, PaperDocument.ANNOUNCED_ON, PaperDocument.PUBLISHED_AT);

    /** A search: its text (blank: every paper), the facet values it is narrowed to, and the page (0 first). */
    public record Request(String text, Map<Facet, List<String>> filters, int page) {
        public Request {
            text = text == null ? "" : text.strip();
            if (text.length() > MAX_QUERY_CHARS) {
                throw new IllegalArgumentException(
                        "the search text has " + text.length() + " characters; at most " + MAX_QUERY_CHARS);
            }
            if (page < 0 || page > 400) {
                throw new IllegalArgumentException("page is 0 to 400, not " + page);
            }
            filters = Map.copyOf(filters);
        }
    }

    public record Link(String kind, String url) {}

    public record TagEvidence(String name, double score, List<String> evidence) {}

    /** A paper as a card shows it. */
    public record Card(
            String paperId,
            String arxivId,
            String title,
            List<String> authors,
            String abstractText,
            String day,
            String pageKind,
            Integer upvotes,
            List<Link> links,
            List<TagEvidence> tags) {}

    public record Bucket(String value, long count) {}

    public record Result(long total, int page, List<Card> papers, Map<String, List<Bucket>> facets) {}

    /** The papers like one, and the one they are like. */
    public record Similar(Card paper, List<Card> papers) {}

    private final ElasticsearchClient es;
    private final String alias;

    public PaperSearch(ElasticsearchClient es, String alias) {
        this.es = es;
        this.alias = alias;
    }

    public Result search(Request request) throws IOException {
        Query query = query(request);
        Map<String, Aggregation> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            if (facet == Facet.DAY) {
                continue;
            }
            facets.put(
                    facet.param(),
                    Aggregation.of(a -> a.terms(t -> {
                        t.field(facet.field).size(25);
                        if (facet.include != null) {
                            t.include(i -> i.regexp(facet.include));
                        }
                        return t;
                    })));
        }
        // one day per paper: each field's days counted over the papers that lack the fields before it
        for (int i = 0; i < DAY_FIELDS.size(); i++) {
            String field = DAY_FIELDS.get(i);
            List<Query> earlier = present(DAY_FIELDS.subList(0, i));
            facets.put(
                    "day-" + field,
                    Aggregation.of(a -> a.filter(f -> f.bool(b -> b.mustNot(earlier)))
                            .aggregations(
                                    "days",
                                    d -> d.dateHistogram(h -> h.field(field)
                                            .calendarInterval(CalendarInterval.Day)
                                            .format("yyyy-MM-dd")
                                            .minDocCount(1)))));
        }
        SearchResponse<PaperDocument> response = IndexReads.orNothingYet(
                null,
                () -> es.search(
                        s -> s.index(alias)
                                .query(query)
                                .from(request.page() * PAGE_SIZE)
                                .size(PAGE_SIZE)
                                .trackTotalHits(t -> t.enabled(true))
                                .aggregations(facets),
                        PaperDocument.class));
        if (response == null) {
            return new Result(0, request.page(), List.of(), Map.of()); // the sink has not created the index yet
        }
        Map<String, List<Bucket>> buckets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            if (facet == Facet.DAY) {
                buckets.put(facet.param(), days(response));
                continue;
            }
            List<Bucket> list = new ArrayList<>();
            for (StringTermsBucket b : response.aggregations()
                    .get(facet.param())
                    .sterms()
                    .buckets()
                    .array()) {
                list.add(new Bucket(b.key().stringValue(), b.docCount()));
            }
            buckets.put(facet.param(), list);
        }
        return new Result(
                response.hits().total() == null ? 0 : response.hits().total().value(),
                request.page(),
                response.hits().hits().stream()
                        .map(Hit::source)
                        .map(PaperSearch::card)
                        .toList(),
                buckets);
    }

    /** The papers most like the paper (title and abstract), at most {@code size}; empty when the paper is unknown. */
    public Optional<Similar> similar(String paperId, int size) throws IOException {
        SearchResponse<PaperDocument> found = es.search(
                s -> s.index(alias)
                        .query(q -> q.term(t -> t.field(PaperDocument.PAPER_ID).value(paperId)))
                        .size(1),
                PaperDocument.class);
        if (found.hits().hits().isEmpty()) {
            return Optional.empty();
        }
        PaperDocument paper = found.hits().hits().get(0).source();
        // like its text rather than like the document: the lookup by document needs the term vectors API, which a
        // minimal Elasticsearch distribution may not serve
        String text = paper.title() + "\n" + (paper.abstractText() == null ? "" : paper.abstractText());
        SearchResponse<PaperDocument> like = es.search(
                s -> s.index(alias)
                        .size(size)
                        .query(q -> q.bool(b -> b.must(m ->
                                        m.moreLikeThis(l -> l.fields(PaperDocument.TITLE, PaperDocument.ABSTRACT_TEXT)
                                                .like(x -> x.text(text))
                                                .minTermFreq(1)
                                                .minDocFreq(1)
                                                .maxQueryTerms(25)
                                                .minimumShouldMatch("10%")))
                                .mustNot(n -> n.term(
                                        t -> t.field(PaperDocument.PAPER_ID).value(paperId))))),
                PaperDocument.class);
        return Optional.of(new Similar(
                card(paper),
                like.hits().hits().stream()
                        .map(Hit::source)
                        .map(PaperSearch::card)
                        .toList()));
    }

    /** The days of the day facet, newest first, at most {@value #MAX_DAYS}. */
    private static List<Bucket> days(SearchResponse<PaperDocument> response) {
        Map<String, Long> counts = new TreeMap<>(Comparator.reverseOrder());
        for (String field : DAY_FIELDS) {
            response.aggregations()
                    .get("day-" + field)
                    .filter()
                    .aggregations()
                    .get("days")
                    .dateHistogram()
                    .buckets()
                    .array()
                    .forEach(b -> counts.merge(b.keyAsString(), b.docCount(), Long::sum));
        }
        return counts.entrySet().stream()
                .limit(MAX_DAYS)
                .map(e -> new Bucket(e.getKey(), e.getValue()))
                .toList();
    }

    private static List<Query> present(List<String> fields) {
        return fields.stream()
                .map(f -> Query.of(q -> q.exists(e -> e.field(f))))
                .toList();
    }

    /** The paper's day is the day: the first of its day fields present falls on it. */
    static Query dayIs(String day) {
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("day is YYYY-MM-DD, not '" + day + "'", e);
        }
        List<Query> either = new ArrayList<>();
        for (int i = 0; i < DAY_FIELDS.size(); i++) {
            String field = DAY_FIELDS.get(i);
            List<Query> earlier = present(DAY_FIELDS.subList(0, i));
            Query on = Query.of(q -> q.range(r -> r.date(d -> d.field(field)
                    .gte(date.toString())
                    .lt(date.plusDays(1).toString())
                    .format("yyyy-MM-dd"))));
            either.add(Query.of(q -> q.bool(b -> b.filter(on).mustNot(earlier))));
        }
        return Query.of(q -> q.bool(b -> b.should(either).minimumShouldMatch("1")));
    }

    /**
     * The text as simple_query_string reads it (quotes, -, |, * and the like work; a stray one never makes the
     * search fail), every word required; the facets as filters.
     */
    static Query query(Request request) {
        List<Query> filters = new ArrayList<>();
        request.filters().forEach((facet, values) -> {
            for (String value : values) {
                filters.add(
                        facet == Facet.DAY
                                ? dayIs(value)
                                : Query.of(q -> q.term(t -> t.field(facet.field).value(FieldValue.of(value)))));
            }
        });
        Query text = request.text().isEmpty()
                ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.simpleQueryString(m -> m.query(request.text())
                        .fields(
                                PaperDocument.TITLE + "^3",
                                PaperDocument.ABSTRACT_TEXT,
                                PaperDocument.AUTHORS,
                                PaperDocument.ARXIV_ID,
                                PaperDocument.SHORT_NAME)
                        .defaultOperator(Operator.And)));
        return Query.of(q -> q.bool(b -> b.must(text).filter(filters)));
    }

    static Card card(PaperDocument doc) {
        String abstractText = doc.abstractText() == null ? "" : doc.abstractText();
        return new Card(
                doc.paperId(),
                doc.arxivId(),
                doc.title(),
                doc.authors(),
                abstractText.length() > ABSTRACT_CHARS
                        ? abstractText.substring(0, ABSTRACT_CHARS) + "..."
                        : abstractText,
                dayOf(doc),
                doc.pageKind(),
                doc.upvotes(),
                doc.links() == null
                        ? List.of()
                        : doc.links().stream()
                                .map(l -> new Link(l.kind(), l.url()))
                                .toList(),
                doc.tagScores() == null
                        ? List.of()
                        : doc.tagScores().stream()
                                .map(t -> new TagEvidence(t.name(), t.score(), t.evidence()))
                                .toList());
    }

    /** The same day the day facet counts, from the document. */
    static String dayOf(PaperDocument doc) {
        for (String date : new String[] {doc.digestDate(), doc.announcedOn(), doc.publishedAt()}) {
            if (date != null && date.length() >= 10) {
                return date.substring(0, 10);
            }
        }
        return null;
    }
}
