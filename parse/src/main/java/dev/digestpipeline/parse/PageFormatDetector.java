package dev.digestpipeline.parse;

import java.util.Locale;

/** Tells a page's format from its declared kind, content type, URI and content. */
public final class PageFormatDetector {
    private static final int SNIFF_CHARS = 4096;
    /** More undecodable characters than this share of the text means it is not text in the charset we used. */
    private static final double MAX_UNDECODABLE_SHARE = 0.01;

    private PageFormatDetector() {}

    public static PageFormat detect(String declaredKind, PageContent page) throws UnparseablePageException {
        if (declaredKind != null && !declaredKind.isBlank()) {
            PageFormat declared = PageFormat.ofKind(declaredKind);
            if (declared == null) {
                throw new UnparseablePageException("unknown page kind '" + declaredKind + "'");
            }
            return declared;
        }
        if (looksBinary(page.bytes())) {
            throw new UnparseablePageException("page is binary, not text (NUL bytes in the first "
                    + Math.min(page.bytes().length, SNIFF_CHARS) + " bytes)");
        }
        String text = page.text();
        checkDecoded(text, page);
        String head = text.substring(0, Math.min(text.length(), SNIFF_CHARS)).stripLeading();
        String lowerHead = head.toLowerCase(Locale.ROOT);
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        String uri = page.sourceUri() == null ? "" : page.sourceUri().toLowerCase(Locale.ROOT);
        if (head.startsWith("[") || head.startsWith("{") || type.contains("json")) {
            return PageFormat.HF_DAILY_API_JSON;
        }
        boolean html = lowerHead.startsWith("<!doctype html") || lowerHead.contains("<html") || type.contains("html");
        if (!html
                && (lowerHead.startsWith("<?xml")
                        || lowerHead.startsWith("<feed")
                        || lowerHead.startsWith("<rss")
                        || lowerHead.startsWith("<rdf")
                        || type.contains("xml"))) {
            return xmlFormat(lowerHead, type);
        }
        if (html) {
            return htmlFormat(text, uri);
        }
        if (head.startsWith("<")) {
            throw new UnparseablePageException("markup page of unknown format (starts with '"
                    + head.substring(0, Math.min(head.length(), 40)).replace('\n', ' ') + "')");
        }
        return PageFormat.HF_DAILY_TEXT;
    }

    private static PageFormat xmlFormat(String lowerHead, String type) throws UnparseablePageException {
        if (lowerHead.contains("<feed") || type.contains("atom")) {
            return PageFormat.ARXIV_ATOM;
        }
        if (lowerHead.contains("<rss") || lowerHead.contains("<rdf:rdf") || type.contains("rss")) {
            return PageFormat.ARXIV_RSS;
        }
        int root = lowerHead.indexOf('<', lowerHead.startsWith("<?xml") ? lowerHead.indexOf("?>") + 1 : 0);
        String start = root < 0 ? "" : lowerHead.substring(root, Math.min(lowerHead.length(), root + 30));
        throw new UnparseablePageException("XML document is neither an Atom feed nor an RSS feed (starts with '"
                + start.replace('\n', ' ') + "')");
    }

    private static PageFormat htmlFormat(String text, String uri) throws UnparseablePageException {
        if (uri.contains("arxiv.org/list/")
                || text.contains("id='articles'")
                || text.contains("id=\"articles\"")
                || text.contains("class=\"list-title")
                || text.contains("class='list-title")) {
            return PageFormat.ARXIV_LISTING_HTML;
        }
        if (uri.contains("arxiv.org/abs/")
                || text.contains("citation_arxiv_id")
                || text.contains("class=\"abstract mathjax\"")) {
            return PageFormat.ARXIV_ABS_HTML;
        }
        if (text.contains("DailyPapers") || uri.contains("huggingface.co/papers")) {
            return PageFormat.HF_DAILY_HTML;
        }
        throw new UnparseablePageException("HTML page is not a digest page: no Hugging Face DailyPapers data, no arXiv "
                + "listing entries, no arXiv abstract (URI " + (uri.isEmpty() ? "unknown" : uri) + ")");
    }

    private static void checkDecoded(String text, PageContent page) throws UnparseablePageException {
        int n = Math.min(text.length(), SNIFF_CHARS * 4);
        int bad = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
                bad++;
            }
        }
        if (n > 0 && bad > Math.max(2, n * MAX_UNDECODABLE_SHARE)) {
            throw new UnparseablePageException("page is not text in " + page.charset() + ": " + bad
                    + " undecodable or control characters in the first " + n);
        }
    }

    private static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, SNIFF_CHARS);
        boolean utf16Bom = n >= 2 && ((bytes[0] & 0xff) == 0xFE || (bytes[0] & 0xff) == 0xFF);
        if (utf16Bom) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
