package dev.digestpipeline.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw page's bytes with what is known about them, decoded to text once. The charset is, in order: a BOM, the
 * content type's charset, the document's own declaration (meta charset, XML encoding), UTF-8 when the bytes are
 * valid UTF-8, else windows-1252 (what undeclared legacy pages almost always are).
 */
public final class PageContent {
    private static final Pattern DECLARED = Pattern.compile(
            "(?:charset|encoding)\\s{0,3}=\\s{0,3}[\"']?([A-Za-z0-9._:-]{1,40})", Pattern.CASE_INSENSITIVE);
    private static final int DECLARATION_BYTES = 2048;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final String sourceUri;
    private final String contentType;
    private final Instant fetchedAt;
    private final byte[] bytes;
    private String text;
    private Charset charset;

    public PageContent(String sourceUri, String contentType, Instant fetchedAt, byte[] bytes) {
        this.sourceUri = sourceUri;
        this.contentType = contentType;
        this.fetchedAt = fetchedAt;
        this.bytes = bytes;
    }

    public String sourceUri() {
        return sourceUri;
    }

    /** The page's own URI when it is an http(s) URL, else the site's address, to resolve relative links. */
    public String baseUri(String siteAddress) {
        return sourceUri != null && (sourceUri.startsWith("http://") || sourceUri.startsWith("https://"))
                ? sourceUri
                : siteAddress;
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

    public String text() {
        if (text == null) {
            text = decode();
        }
        return text;
    }

    /** The charset the text was decoded with. */
    public Charset charset() {
        text();
        return charset;
    }

    private String decode() {
        if (startsWith(0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            return new String(bytes, 3, bytes.length - 3, charset);
        }
        if (startsWith(0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            return new String(bytes, 2, bytes.length - 2, charset);
        }
        if (startsWith(0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            return new String(bytes, 2, bytes.length - 2, charset);
        }
        Charset declared = charsetNamed(contentType == null ? null : declaredIn(contentType));
        if (declared == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, DECLARATION_BYTES), StandardCharsets.ISO_8859_1);
            if (head.startsWith("<") || head.contains("<meta") || head.contains("<?xml")) {
                declared = charsetNamed(declaredIn(head));
            }
        }
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            charset = declared;
            return new String(bytes, charset);
        }
        try {
            String utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            charset = StandardCharsets.UTF_8;
            return utf8;
        } catch (CharacterCodingException notUtf8) {
            // declared UTF-8 but is not: keep the declaration and let the replacement characters show it
            charset = declared != null ? declared : WINDOWS_1252;
            return new String(bytes, charset);
        }
    }

    private boolean startsWith(int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String declaredIn(String text) {
        Matcher m = DECLARED.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static Charset charsetNamed(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name.toLowerCase(Locale.ROOT));
        } catch (RuntimeException unknown) {
            return null;
        }
    }
}
