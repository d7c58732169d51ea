package dev.digestpipeline.parse;

/** A page that yields no papers; the message is the dead letter's reason, precise enough to fix the input. */
public class UnparseablePageException extends Exception {
    public UnparseablePageException(String reason) {
        super(reason);
    }

    public UnparseablePageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
