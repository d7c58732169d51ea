package dev.digestpipeline.enrich;

import java.util.Locale;

/** Tells a page's format from its declared kind, content type, URI and first bytes. */
public final class PageFormatDetector {
    private static final int SNIFF_CHARS = 4096;

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
        String head = text.substring(0, Math.min(text.length(), SNIFF_CHARS)).stripLeading();
        String lowerHead = head.toLowerCase(Locale.ROOT);
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        if (head.startsWith("[") || head.startsWith("{") || type.contains("json")) {
            return PageFormat.HF_DAILY_API_JSON;
        }
        if (lowerHead.startsWith("<?xml") || lowerHead.startsWith("<feed") || lowerHead.startsWith("<rss")) {
            throw new UnparseablePageException("XML feeds (arXiv Atom/RSS) are not supported yet");
        }
        if (lowerHead.startsWith("<!doctype html") || lowerHead.startsWith("<html") || type.contains("html")) {
            if (text.contains("DailyPapers") || uriContains(page, "huggingface.co/papers")) {
                return PageFormat.HF_DAILY_HTML;
            }
            throw new UnparseablePageException("HTML page is not a Hugging Face Daily Papers page "
                    + "(no DailyPapers data, URI " + page.sourceUri() + ")");
        }
        if (head.startsWith("<")) {
            throw new UnparseablePageException("markup page of unknown format (starts with '"
                    + head.substring(0, Math.min(head.length(), 40)).replace('\n', ' ') + "')");
        }
        return PageFormat.HF_DAILY_TEXT;
    }

    private static boolean uriContains(PageContent page, String part) {
        return page.sourceUri() != null && page.sourceUri().contains(part);
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
