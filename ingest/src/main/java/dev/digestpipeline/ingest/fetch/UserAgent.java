package dev.digestpipeline.ingest.fetch;

/**
 * The User-Agent every request carries: {@code digest-pipeline/<version> (+<project url>; <contact>)}, so a site's
 * operator can see who polls and how to reach them.
 */
public final class UserAgent {
    public static final String PRODUCT = "digest-pipeline";
    public static final String PROJECT_URL = "https://github.com/digest-pipeline/digest-pipeline";

    private UserAgent() {}

    /** The header for this version and contact (an e-mail address or URL; blank when the user gave none). */
    public static String of(String version, String contact) {
        String v = version == null || version.isBlank() ? "dev" : version;
        String c = contact == null || contact.isBlank() ? "" : "; " + contact.strip();
        return PRODUCT + "/" + v + " (+" + PROJECT_URL + c + ")";
    }

    /** The version of the jar this runs from, or "dev" in a build folder. */
    public static String version() {
        String v = UserAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
