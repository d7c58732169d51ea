package dev.digestpipeline.parse.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.digestpipeline.parse.ExtractedLink;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkClassifierTest {
    @Test
    void urlsLoseSentencePunctuationButKeepBalancedParentheses() {
        assertEquals(
                List.of(
                        new ExtractedLink("code", "https://github.com/OpenLMLab/LEval"),
                        new ExtractedLink("other", "https://en.wikipedia.org/wiki/Foo_(bar)"),
                        new ExtractedLink("project", "https://FollowRAG.github.io")),
                LinkClassifier.linksIn("See https://github.com/OpenLMLab/LEval}. and "
                        + "(https://en.wikipedia.org/wiki/Foo_(bar)), https://FollowRAG.github.io."));
    }

    @Test
    void kindsOfHuggingFaceAndArxivLinks() {
        assertEquals("model", LinkClassifier.kindOf("https://huggingface.co/nvidia/NV-Embed-v1"));
        assertEquals("dataset", LinkClassifier.kindOf("https://huggingface.co/datasets/BAAI/Infinity-Instruct"));
        assertEquals("space", LinkClassifier.kindOf("https://huggingface.co/spaces/a/b"));
        assertEquals("collection", LinkClassifier.kindOf("https://huggingface.co/collections/a/b-123"));
        assertEquals("paper", LinkClassifier.kindOf("https://huggingface.co/papers/2508.14567"));
        assertEquals("pdf", LinkClassifier.kindOf("https://arxiv.org/pdf/2508.14567"));
        assertEquals("html", LinkClassifier.kindOf("https://arxiv.org/html/2508.14567v1"));
        assertEquals("code", LinkClassifier.kindOf("https://gitee.com/li-touch/infinity-instruct"));
    }

    @Test
    void repoIsHostOwnerAndNameWithoutGitSuffixOrSubPath() {
        assertEquals(
                "github.com/EmpathYang/TinyHelen",
                LinkClassifier.repoOf("https://github.com/EmpathYang/TinyHelen.git"));
        assertEquals(
                "github.com/apple/corenet",
                LinkClassifier.repoOf("https://www.github.com/apple/corenet/tree/main/projects/kv-prediction"));
        assertEquals("gitlab.com/group/project", LinkClassifier.repoOf("https://gitlab.com/group/project"));
        assertNull(LinkClassifier.repoOf("https://github.com/nvidia"));
        assertNull(LinkClassifier.repoOf("https://example.org/a/b"));
    }
}
