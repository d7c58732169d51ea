package dev.digestpipeline.parse.hf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digestpipeline.parse.DigestPageParser;
import dev.digestpipeline.parse.PageContent;
import dev.digestpipeline.parse.PageParse;
import dev.digestpipeline.parse.UnparseablePageException;

/** The huggingface.co/api/daily_papers answer: a JSON array of items (or an object with dailyPapers). */
public final class DailyPapersApiParser implements DigestPageParser {
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build());

    @Override
    public PageParse parse(PageContent page) throws UnparseablePageException {
        JsonNode root;
        try {
            root = JSON.readTree(page.text());
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new UnparseablePageException("daily papers JSON is not valid JSON: " + e.getOriginalMessage() + at);
        }
        if (root != null && root.isObject() && root.has("dailyPapers")) {
            root = root.get("dailyPapers");
        }
        if (root == null) {
            throw new UnparseablePageException("daily papers JSON is empty");
        }
        return DailyPaperItems.read(root, "daily papers JSON");
    }
}
