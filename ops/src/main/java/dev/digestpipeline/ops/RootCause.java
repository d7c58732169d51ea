package dev.digestpipeline.ops;

/** A failure as the one line an operator can act on: its root cause's message. */
public final class RootCause {
    private RootCause() {}

    /** The innermost cause's message, or its class's name when it has none. */
    public static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
