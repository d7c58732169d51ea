package dev.digestpipeline.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Lets forbiddenapis accept a use it flags, for the reason given (every module's build reads this one). */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SuppressForbidden {
    String reason();
}
