package dev.digestpipeline.enrich.page;

import dev.digestpipeline.schemas.Tag;
import dev.digestpipeline.tagging.TopicTagger;
import java.util.List;

/** The tagger's tags as the Tag records of a Paper: the one place the tagging library meets the schema. */
public final class TagRecords {
    private TagRecords() {}

    public static List<Tag> tag(TopicTagger tagger, String title, String abstractText, List<String> categories) {
        return tagger.tag(title, abstractText, categories).stream()
                .map(t -> new Tag(t.name(), t.score(), t.evidence()))
                .toList();
    }
}
