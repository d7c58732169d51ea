package dev.digestpipeline.bench;

import dev.digestpipeline.schemas.RawPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds digest pages of any size in every format, with abstracts of realistic length and vocabulary (about
 * 1,200 characters, URLs, model sizes), the same for a given seed so runs compare.
 *
 * <p>Each paper is about one {@link Subject}, sometimes two, as real ones are: its title, its categories and one
 * or two of its abstract's sentences come from its subject, the rest are the sentences any paper has (results,
 * code, limitations). The tagger gives such papers 2.4 tags on average, near the 1.5 the labelled arXiv papers of
 * the corpus get, so the by-tag and area topics get about as many records per paper as with real pages.
 * {@link Topics#MIXED} draws every sentence from every subject instead: about seven tags a paper, the worst case
 * for that fan-out.
 */
public final class PageGenerator {
    /** How many subjects a paper's abstract draws on. */
    public enum Topics {
        /** One subject, a second one in a quarter of the papers: as many tags as real papers get. */
        FOCUSED,
        /** Any sentence of any subject: about seven tags a paper. */
        MIXED
    }

    /** What a paper is about: words for its title, its arXiv categories (primary first), sentences for its abstract. */
    private record Subject(String titleWords, List<String> categories, List<String> sentences) {}

    private static final List<Subject> SUBJECTS = List.of(
            new Subject(
                    "Language Model Reasoning",
                    List.of("cs.CL", "cs.LG"),
                    List.of(
                            "Large language models have shown strong reasoning abilities across a wide range of benchmarks.",
                            "The model supports a context window of 128K tokens and handles long documents without truncation.",
                            "We benchmark agents that call tools and browse the web on 1,000 realistic tasks.")),
            new Subject(
                    "Dense Retrieval",
                    List.of("cs.IR", "cs.CL"),
                    List.of(
                            "We propose a novel framework that combines retrieval-augmented generation with instruction tuning.",
                            "Dense retrieval with learned embeddings improves recall on open-domain question answering.")),
            new Subject(
                    "Image Segmentation and Generation",
                    List.of("cs.CV"),
                    List.of(
                            "Experiments on image segmentation, object detection and video understanding confirm the gains.",
                            "A diffusion model conditioned on text produces high-fidelity images at interactive speed.")),
            new Subject(
                    "Robot Manipulation",
                    List.of("cs.RO", "cs.LG"),
                    List.of(
                            "Robots trained in simulation transfer to real manipulation tasks with a 92% success rate.",
                            "A legged robot learns locomotion policies with reinforcement learning and walks on rough terrain.")),
            new Subject(
                    "Speech Recognition",
                    List.of("eess.AS", "cs.CL"),
                    List.of(
                            "Speech recognition and text-to-speech quality improve on low-resource languages.",
                            "A streaming speech encoder transcribes audio with low latency on a phone.")),
            new Subject(
                    "Quantization and Adapters",
                    List.of("cs.LG"),
                    List.of(
                            "Quantization to 4 bits and knowledge distillation reduce latency on a single GPU.",
                            "We train a 7B model and an 8x7B mixture of experts with LoRA adapters on 2,400 H100 GPU hours.")),
            new Subject(
                    "Federated Learning",
                    List.of("cs.LG", "cs.DC"),
                    List.of(
                            "We study federated learning across thousands of clients with non-IID data and limited bandwidth.",
                            "Clients share only compressed model updates, and the server aggregates them each round.")),
            new Subject(
                    "Radiology Reports",
                    List.of("eess.IV", "cs.CV"),
                    List.of(
                            "Clinical evaluation on radiology reports shows the system assists diagnosis in practice.",
                            "Chest X-ray images from three hospitals are used to detect disease.")),
            new Subject(
                    "Molecular Property Prediction",
                    List.of("q-bio.BM", "cs.LG"),
                    List.of(
                            "Molecular property prediction with graph neural networks accelerates drug discovery.",
                            "Protein structures predicted by the model match crystal structures closely.")),
            new Subject(
                    "Convergence Analysis",
                    List.of("stat.ML", "cs.LG"),
                    List.of(
                            "Theoretical analysis gives a convergence rate and a matching lower bound on sample complexity.",
                            "We prove that gradient descent finds a global minimum under a mild condition.")));

    /** Sentences any paper may have, whatever its subject. */
    private static final List<String> COMMON = List.of(
            "We evaluate the approach on five public datasets and report mean and standard deviation over three seeds.",
            "Our method improves accuracy by 4.2 points over the strongest baseline while using 30% less compute.",
            "Ablations show that each component contributes and that the gains hold across model sizes from 1B to 70B parameters.",
            "We release code at https://github.com/example-lab/project-name and a demo at https://example-lab.github.io/demo.",
            "The results suggest simple changes to the training recipe matter more than architectural novelty.",
            "We discuss limitations, failure cases and directions for future work.",
            "Compared with prior work, the approach needs no additional annotation and scales to millions of examples.",
            "Weights are available at https://huggingface.co/example/model-7b and data at https://huggingface.co/datasets/example/data.");

    /** Every sentence, of every subject and the common ones: the pool of {@link Topics#MIXED} abstracts. */
    private static final List<String> EVERY_SENTENCE = Stream.concat(
                    COMMON.stream(), SUBJECTS.stream().flatMap(s -> s.sentences().stream()))
            .toList();

    private static final Map<String, String> CATEGORY_NAMES = Map.of(
            "cs.CL", "Computation and Language",
            "cs.LG", "Machine Learning",
            "cs.IR", "Information Retrieval",
            "cs.CV", "Computer Vision and Pattern Recognition",
            "cs.RO", "Robotics",
            "eess.AS", "Audio and Speech Processing",
            "cs.DC", "Distributed, Parallel, and Cluster Computing",
            "eess.IV", "Image and Video Processing",
            "q-bio.BM", "Biomolecules",
            "stat.ML", "Machine Learning");

    private static final String[] TITLE_WORDS = {
        "Scaling", "Efficient", "Robust", "Simple", "Towards", "Unified", "Revisiting", "Adaptive", "Learning", "Better"
    };

    /** One generated paper, before it is written in a page's format. */
    private record Generated(String title, String abstractText, List<String> categories) {}

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
        return page(format, papers, seed, first, Topics.FOCUSED);
    }

    /** The same with papers on one subject each or on all of them. */
    public static RawPage page(String format, int papers, long seed, int first, Topics topics) {
        Random random = new Random(seed);
        List<Generated> generated = new ArrayList<>();
        for (int i = 0; i < papers; i++) {
            generated.add(paper(random, first + i, topics));
        }
        String content = switch (format) {
            case "hf-daily-text" -> text(generated);
            case "hf-daily-api-json" -> apiJson(generated, first);
            case "hf-daily-html" ->
                "<!doctype html><html><body><div class=\"SVELTE_HYDRATER contents\" "
                        + "data-target=\"DailyPapers\" data-props=\""
                        + escapeAttribute("{\"dailyPapers\":" + apiJson(generated, first) + "}")
                        + "\"></div></body></html>";
            case "arxiv-listing-html" -> listing(generated, first);
            case "arxiv-atom" -> atom(generated, first);
            case "arxiv-rss" -> rss(generated, first);
            case "arxiv-abs-html" -> abs(generated.get(0));
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

    private static Generated paper(Random random, int number, Topics topics) {
        Subject subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
        List<String> sentences = new ArrayList<>();
        if (topics == Topics.MIXED) {
            fill(sentences, EVERY_SENTENCE, random);
        } else {
            List<String> own = new ArrayList<>(subject.sentences());
            Collections.shuffle(own, random);
            sentences.addAll(own.subList(0, 1 + random.nextInt(2)));
            if (random.nextInt(4) == 0) {
                List<String> other =
                        SUBJECTS.get(random.nextInt(SUBJECTS.size())).sentences();
                sentences.add(other.get(random.nextInt(other.size())));
            }
            fill(sentences, COMMON, random);
        }
        StringBuilder title = new StringBuilder("Model").append(number).append(": ");
        for (int w = 0; w < 3; w++) {
            title.append(TITLE_WORDS[random.nextInt(TITLE_WORDS.length)]).append(' ');
        }
        title.append(subject.titleWords());
        return new Generated(title.toString(), String.join(" ", sentences), subject.categories());
    }

    /** Adds sentences from the pool, none twice in a row, until the abstract is about 1,200 characters long. */
    private static void fill(List<String> sentences, List<String> pool, Random random) {
        int length = sentences.stream().mapToInt(s -> s.length() + 1).sum();
        String last = sentences.isEmpty() ? "" : sentences.get(sentences.size() - 1);
        while (length < 1200) {
            String next = pool.get(random.nextInt(pool.size()));
            if (next.equals(last)) {
                continue;
            }
            sentences.add(next);
            length += next.length() + 1;
            last = next;
        }
    }

    private static String id(int i) {
        int months = 25 * 12 + 7 + i / 99_999; // 2508 first, then 2509...
        return String.format(Locale.ROOT, "%02d%02d.%05d", months / 12, months % 12 + 1, i % 99_999 + 1);
    }

    private static String text(List<Generated> papers) {
        StringBuilder s = new StringBuilder("Daily Papers\n\nAug 20\n\n");
        for (Generated paper : papers) {
            s.append(paper.title()).append("\n\n").append(paper.abstractText()).append("\n\n");
        }
        return s.toString();
    }

    private static String apiJson(List<Generated> papers, int first) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < papers.size(); i++) {
            s.append(i == 0 ? "" : ",")
                    .append("{\"paper\":{\"id\":\"")
                    .append(id(first + i))
                    .append(
                            "\",\"authors\":[{\"_id\":\"a\",\"name\":\"Ada Lovelace\"},{\"_id\":\"b\",\"name\":\"Alan Turing\"}],")
                    .append(
                            "\"publishedAt\":\"2025-08-19T17:59:01.000Z\",\"submittedOnDailyAt\":\"2025-08-20T00:00:00.000Z\",")
                    .append("\"title\":\"")
                    .append(papers.get(i).title())
                    .append("\",\"summary\":\"")
                    .append(papers.get(i).abstractText())
                    .append("\",\"upvotes\":")
                    .append(i)
                    .append(",\"githubRepo\":\"https://github.com/example/p")
                    .append(i)
                    .append("\"},\"numComments\":2}");
        }
        return s.append("]").toString();
    }

    private static String listing(List<Generated> papers, int first) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><body><div id='dlpage'><h3>Showing new listings for "
                + "Wednesday, 20 August 2025</h3><dl id='articles'><h3>New submissions</h3>");
        for (int i = 0; i < papers.size(); i++) {
            Generated paper = papers.get(i);
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
                    .append(paper.title())
                    .append(
                            "</div><div class='list-authors'><a href='/a/x'>Ada Lovelace</a>, <a href='/a/y'>Alan Turing</a></div>")
                    .append("<div class='list-subjects'><span class='descriptor'>Subjects:</span> ");
            for (int c = 0; c < paper.categories().size(); c++) {
                String category = paper.categories().get(c);
                String named = CATEGORY_NAMES.get(category) + " (" + category + ")";
                s.append(c == 0 ? "<span class='primary-subject'>" + named + "</span>" : "; " + named);
            }
            s.append("</div><p class='mathjax'>").append(paper.abstractText()).append("</p></div></dd>");
        }
        return s.append("</dl></div></body></html>").toString();
    }

    private static String atom(List<Generated> papers, int first) {
        StringBuilder s = new StringBuilder(
                "<?xml version='1.0' encoding='UTF-8'?><feed xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
                        + "xmlns=\"http://www.w3.org/2005/Atom\"><title>arXiv Query</title>");
        for (int i = 0; i < papers.size(); i++) {
            Generated paper = papers.get(i);
            s.append("<entry><id>http://arxiv.org/abs/")
                    .append(id(first + i))
                    .append("v1</id><title>")
                    .append(paper.title())
                    .append("</title><summary>")
                    .append(paper.abstractText())
                    .append("</summary><published>2025-08-19T09:30:00Z</published>")
                    .append("<author><name>Ada Lovelace</name></author><author><name>Alan Turing</name></author>")
                    .append("<link href=\"https://arxiv.org/abs/")
                    .append(id(first + i))
                    .append("v1\" rel=\"alternate\"/>")
                    .append("<arxiv:primary_category term=\"")
                    .append(paper.categories().get(0))
                    .append("\"/>");
            for (String category : paper.categories()) {
                s.append("<category term=\"").append(category).append("\"/>");
            }
            s.append("</entry>");
        }
        return s.append("</feed>").toString();
    }

    private static String rss(List<Generated> papers, int first) {
        StringBuilder s = new StringBuilder(
                "<?xml version='1.0' encoding='UTF-8'?><rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
                        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel><title>cs.AI</title>"
                        + "<pubDate>Wed, 20 Aug 2025 00:00:00 -0400</pubDate>");
        for (int i = 0; i < papers.size(); i++) {
            Generated paper = papers.get(i);
            s.append("<item><title>")
                    .append(paper.title())
                    .append("</title><link>https://arxiv.org/abs/")
                    .append(id(first + i))
                    .append("</link><description>arXiv:")
                    .append(id(first + i))
                    .append("v1 Announce Type: new \nAbstract: ")
                    .append(paper.abstractText())
                    .append("</description><guid isPermaLink=\"false\">oai:arXiv.org:")
                    .append(id(first + i))
                    .append("v1</guid>");
            for (String category : paper.categories()) {
                s.append("<category>").append(category).append("</category>");
            }
            s.append("<pubDate>Wed, 20 Aug 2025 00:00:00 -0400</pubDate>")
                    .append(
                            "<arxiv:announce_type>new</arxiv:announce_type><dc:creator>Ada Lovelace, Alan Turing</dc:creator></item>");
        }
        return s.append("</channel></rss>").toString();
    }

    private static String abs(Generated paper) {
        String category = paper.categories().get(0);
        return "<!DOCTYPE html><html><head><meta name=\"citation_title\" content=\"" + paper.title() + "\" />"
                + "<meta name=\"citation_arxiv_id\" content=\"2508.00001\" /></head><body><div id=\"abs\">"
                + "<div class=\"dateline\">[Submitted on 19 Aug 2025 (v1), last revised 21 Aug 2025 (this version, v2)]</div>"
                + "<h1 class=\"title mathjax\"><span class=\"descriptor\">Title:</span>" + paper.title() + "</h1>"
                + "<div class=\"authors\"><span class=\"descriptor\">Authors:</span><a href=\"/a/x\">Ada Lovelace</a></div>"
                + "<blockquote class=\"abstract mathjax\"><span class=\"descriptor\">Abstract:</span>"
                + paper.abstractText()
                + "</blockquote><table><tr><td class=\"tablecell subjects\"><span class=\"primary-subject\">"
                + CATEGORY_NAMES.get(category) + " (" + category + ")</span></td></tr></table></div></body></html>";
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;");
    }
}
