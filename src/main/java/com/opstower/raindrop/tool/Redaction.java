package com.opstower.raindrop.tool;

/** Removes a secret from text that is about to be logged. */
public final class Redaction {

    private Redaction() {
    }

    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***");
    }
}
