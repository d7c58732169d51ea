package dev.digestpipeline.enrich;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A raw page's bytes with what is known about them, decoded to text once (BOM aware, UTF-8 by default). */
public final class PageContent {
    private final String sourceUri;
    private final String contentType;
    private final Instant fetchedAt;
    private final byte[] bytes;
    private String text;

    public PageContent(String sourceUri, String contentType, Instant fetchedAt, byte[] bytes) {
        this.sourceUri = sourceUri;
        this.contentType = contentType;
        this.fetchedAt = fetchedAt;
        this.bytes = bytes;
    }

    public static PageContent of(dev.digestpipeline.schemas.RawPage page) {
        ByteBuffer buffer = page.getContent().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new PageContent(page.getSourceUri(), page.getContentType(), page.getFetchedAt(), bytes);
    }

    public String sourceUri() {
        return sourceUri;
    }

    public String contentType() {
        return contentType;
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The page as text: a BOM decides the charset, then a charset in the content type, then UTF-8. */
    public String text() {
        if (text == null) {
            text = decode();
        }
        return text;
    }

    private String decode() {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        return new String(bytes, declaredCharset());
    }

    private Charset declaredCharset() {
        if (contentType != null) {
            int at = contentType.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                String name = contentType.substring(at + 8).split("[;\\s]")[0].replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
