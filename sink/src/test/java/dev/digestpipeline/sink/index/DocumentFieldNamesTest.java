package dev.digestpipeline.sink.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The field names searches use are the documents' own: a renamed field fails here, not in a search. */
class DocumentFieldNamesTest {
    @Test
    void everyPaperFieldNameIsAFieldOfThePaperDocument() {
        assertEquals(List.of(), notFieldsOf(PaperDocument.class, Set.of()));
    }

    @Test
    void everyTrendFieldNameIsAFieldOfTheTrendDocument() {
        // DAY is a value of the granularity field, not a field
        assertEquals(List.of(), notFieldsOf(TrendDocument.class, Set.of("DAY")));
    }

    /** The public String constants of the record that name none of its components. */
    private static List<String> notFieldsOf(Class<? extends Record> type, Set<String> values) {
        Set<String> components = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        return Arrays.stream(type.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .filter(f -> !values.contains(f.getName()))
                .filter(f -> !components.contains(value(f)))
                .map(f -> f.getName() + " = " + value(f))
                .toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
