package dev.digestpipeline.bench;

import dev.digestpipeline.schemas.RawPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Builds digest pages of any size in every format, with abstracts of realistic length and vocabulary (about
 * 1,200 characters, URLs, model sizes), the same for a given seed so runs compare.
 */
public final class PageGenerator {
    private static final String[] SENTENCES = {
        "Large language models have shown strong reasoning abilities across a wide range of benchmarks.",
        "We propose a novel framework that combines retrieval-augmented generation with instruction tuning.",
        "Our method improves accuracy by 4.2 points over the strongest baseline while using 30% less compute.",
        "We train a 7B model and an 8x7B mixture of experts with LoRA adapters on 2,400 H100 GPU hours.",
        "Experiments on image segmentation, object detection and video understanding confirm the gains.",
        "The model supports a context window of 128K tokens and handles long documents without truncation.",
        "We release code at https://github.com/example-lab/project-name and a demo at https://example-lab.github.io/demo.",
        "A diffusion model conditioned on text produces high-fidelity images at interactive speed.",
        "Robots trained in simulation transfer to real manipulation tasks with a 92% success rate.",
        "We study federated learning across thousands of clients with non-IID data and limited bandwidth.",
        "Speech recognition and text-to-speech quality improve on low-resource languages.",
        "Theoretical analysis gives a convergence rate and a matching lower bound on sample complexity.",
        "Clinical evaluation on radiology reports shows the system assists diagnosis in practice.",
        "Weights are available at https://huggingface.co/example/model-7b and data at https://huggingface.co/datasets/example/data.",
        "We benchmark agents that call tools and browse the web on 1,000 realistic tasks.",
        "Quantization to 4 bits and knowledge distillation reduce latency on a single GPU.",
    };
    private static final String[] TITLE_WORDS = {
        "Scaling",
        "Efficient",
        "Robust",
        "Multimodal",
        "Reasoning",
        "Agents",
        "Diffusion",
        "Retrieval",
        "Long-Context",
        "Federated",
        "Speech",
        "Vision-Language",
        "Benchmark",
        "Alignment",
        "Compression",
        "Robotic",
        "Learning",
        "Transformers",
        "Models",
        "Planning"
    };

    private PageGenerator() {}

    /** A page of the given format (a PageFormat kind) with the given number of papers. */
    public static RawPage page(String format, int papers, long seed) {
        return page(format, papers, seed, 0);
    }

    /**
     * The same with the papers numbered from {@code first}: pages with distinct papers for a pipeline run. Paper n
     * has the arXiv id {@code YYMM.NNNNN}: 2508.00001 to 2508.99999, then 2509.00001 and on, all valid ids.
     */
    public static RawPage page(String format, int papers, long seed, int first) {
        Random random = new Random(seed);
        String[] titles = new String[papers];
        String[] abstracts = new String[papers];
        for (int i = 0; i < papers; i++) {
            titles[i] = title(random, i);
            abstracts[i] = abstractText(random);
        }
        String content = switch (format) {
            case "hf-daily-text" -> text(titles, abstracts);
            case "hf-daily-api-json" -> apiJson(titles, abstracts, first);
            case "hf-daily-html" ->
                "<!doctype html><html><body><div class=\"SVELTE_HYDRATER contents\" "
                        + "data-target=\"DailyPapers\" data-props=\""
                        + escapeAttribute("{\"dailyPapers\":" + apiJson(titles, abstracts, first) + "}")
                        + "\"></div></body></html>";
            case "arxiv-listing-html" -> listing(titles, abstracts, first);
            case "arxiv-atom" -> atom(titles, abstracts, first);
            case "arxiv-rss" -> rss(titles, abstracts, first);
            case "arxiv-abs-html" -> abs(titles[0], abstracts[0]);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
        return RawPage.newBuilder()
                .setSourceUri("https://bench.example/" + format)
                .setKind(null)
                .setFetchedAt(Instant.parse("2025-08-21T07:00:00Z"))
                .setContentType(null)
                .setContentSha256("0")
                .setContent(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static String title(Random random, int i) {
        StringBuilder t = new StringBuilder("Model").append(i).append(": ");
        for (int w = 0; w < 7; w++) {
            t.append(TITLE_WORDS[random.nextInt(TITLE_WORDS.length)]).append(w < 6 ? " " : "");
        }
        return t.toString();
    }

    private static String abstractText(Random random) {
        StringBuilder a = new StringBuilder();
        while (a.length() < 1200) {
            a.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
        }
        return a.toString().strip();
    }

    private static String id(int i) {
        int months = 25 * 12 + 7 + i / 99_999; // 2508 first, then 2509...
        return String.format(Locale.ROOT, "%02d%02d.%05d", months / 12, months % 12 + 1, i % 99_999 + 1);
    }

    private static String text(String[] titles, String[] abstracts) {
        StringBuilder s = new StringBuilder("Daily Papers\n\nAug 20\n\n");
        for (int i = 0; i < titles.length; i++) {
            s.append(titles[i]).append("\n\n").append(abstracts[i]).append("\n\n");
        }
        return s.toString();
    }

    private static String apiJson(String[] titles, String[] abstracts, int first) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < titles.length; i++) {
            s.append(i == 0 ? "" : ",")
                    .append("{\"paper\":{\"id\":\"")
                    .append(id(first + i))
                    .append(
                            "\",\"authors\":[{\"_id\":\"a\",\"name\":\"Ada Lovelace\"},{\"_id\":\"b\",\"name\":\"Alan Turing\"}],")
                    .append(
                            "\"publishedAt\":\"2025-08-19T17:59:01.000Z\",\"submittedOnDailyAt\":\"2025-08-20T00:00:00.000Z\",")
                    .append("\"title\":\"")
                    .append(titles[i])
                    .append("\",\"summary\":\"")
                    .append(abstracts[i])
                    .append("\",\"upvotes\":")
                    .append(i)
                    .append(",\"githubRepo\":\"https://github.com/example/p")
                    .append(i)
                    .append("\"},\"numComments\":2}");
        }
        return s.append("]").toString();
    }

    private static String listing(String[] titles, String[] abstracts, int first) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><body><div id='dlpage'><h3>Showing new listings for "
                + "Wednesday, 20 August 2025</h3><dl id='articles'><h3>New submissions</h3>");
        for (int i = 0; i < titles.length; i++) {
            s.append("<dt><a name='item")
                    .append(i + 1)
                    .append("'>[")
                    .append(i + 1)
                    .append("]</a> <a href='/abs/")
                    .append(id(first + i))
                    .append("' title='Abstract'>arXiv:")
                    .append(id(first + i))
                    .append("</a> [<a href='/pdf/")
                    .append(id(first + i))
                    .append("' title='Download PDF'>pdf</a>]</dt><dd><div class='meta'>")
                    .append("<div class='list-title mathjax'><span class='descriptor'>Title:</span> ")
                    .append(titles[i])
                    .append(
                            "</div><div class='list-authors'><a href='/a/x'>Ada Lovelace</a>, <a href='/a/y'>Alan Turing</a></div>")
                    .append(
                            "<div class='list-subjects'><span class='descriptor'>Subjects:</span> <span class='primary-subject'>")
                    .append(
                            "Computation and Language (cs.CL)</span>; Machine Learning (cs.LG)</div><p class='mathjax'>")
                    .append(abstracts[i])
                    .append("</p></div></dd>");
        }
        return s.append("</dl></div></body></html>").toString();
    }

    private static String atom(String[] titles, String[] abstracts, int first) {
        StringBuilder s = new StringBuilder(
                "<?xml version='1.0' encoding='UTF-8'?><feed xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
                        + "xmlns=\"http://www.w3.org/2005/Atom\"><title>arXiv Query</title>");
        for (int i = 0; i < titles.length; i++) {
            s.append("<entry><id>http://arxiv.org/abs/")
                    .append(id(first + i))
                    .append("v1</id><title>")
                    .append(titles[i])
                    .append("</title><summary>")
                    .append(abstracts[i])
                    .append("</summary><published>2025-08-19T09:30:00Z</published>")
                    .append("<author><name>Ada Lovelace</name></author><author><name>Alan Turing</name></author>")
                    .append("<link href=\"https://arxiv.org/abs/")
                    .append(id(first + i))
                    .append("v1\" rel=\"alternate\"/>")
                    .append(
                            "<arxiv:primary_category term=\"cs.LG\"/><category term=\"cs.LG\"/><category term=\"cs.CL\"/></entry>");
        }
        return s.append("</feed>").toString();
    }

    private static String rss(String[] titles, String[] abstracts, int first) {
        StringBuilder s = new StringBuilder(
                "<?xml version='1.0' encoding='UTF-8'?><rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
                        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel><title>cs.AI</title>"
                        + "<pubDate>Wed, 20 Aug 2025 00:00:00 -0400</pubDate>");
        for (int i = 0; i < titles.length; i++) {
            s.append("<item><title>")
                    .append(titles[i])
                    .append("</title><link>https://arxiv.org/abs/")
                    .append(id(first + i))
                    .append("</link><description>arXiv:")
                    .append(id(first + i))
                    .append("v1 Announce Type: new \nAbstract: ")
                    .append(abstracts[i])
                    .append("</description><guid isPermaLink=\"false\">oai:arXiv.org:")
                    .append(id(first + i))
                    .append("v1</guid><category>cs.AI</category><pubDate>Wed, 20 Aug 2025 00:00:00 -0400</pubDate>")
                    .append(
                            "<arxiv:announce_type>new</arxiv:announce_type><dc:creator>Ada Lovelace, Alan Turing</dc:creator></item>");
        }
        return s.append("</channel></rss>").toString();
    }

    private static String abs(String title, String abstractText) {
        return "<!DOCTYPE html><html><head><meta name=\"citation_title\" content=\"" + title + "\" />"
                + "<meta name=\"citation_arxiv_id\" content=\"2508.00001\" /></head><body><div id=\"abs\">"
                + "<div class=\"dateline\">[Submitted on 19 Aug 2025 (v1), last revised 21 Aug 2025 (this version, v2)]</div>"
                + "<h1 class=\"title mathjax\"><span class=\"descriptor\">Title:</span>" + title + "</h1>"
                + "<div class=\"authors\"><span class=\"descriptor\">Authors:</span><a href=\"/a/x\">Ada Lovelace</a></div>"
                + "<blockquote class=\"abstract mathjax\"><span class=\"descriptor\">Abstract:</span>" + abstractText
                + "</blockquote><table><tr><td class=\"tablecell subjects\"><span class=\"primary-subject\">"
                + "Machine Learning (cs.LG)</span></td></tr></table></div></body></html>";
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;");
    }
}
