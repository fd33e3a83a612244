package com.opstower.raindrop.trace.compare;

/**
 * A payload as kept for comparison: its first {@link #KEPT} characters with their tool call ids masked ({@link CallIds}),
 * its whole length, and beyond the kept part a hash of the whole, so that two payloads longer than that are still told
 * apart. {@code trunc_len} caps payloads at 100,000 characters upstream, so the hash is for payloads sent as JSON
 * objects, which it does not cut.
 */
record PayloadText(String kept, int length, long hash) {

    /** Characters kept, as many as the largest {@code trunc_len}. */
    static final int KEPT = 100_000;

    static PayloadText of(char[] chars, int length) {
        int kept = Math.min(length, KEPT);
        long hash = 0;
        if (length > KEPT) {
            hash = 1125899906842597L;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + chars[i];
            }
        }
        return new PayloadText(CallIds.masked(new String(chars, 0, kept)), length, hash);
    }

    /** Whether the whole payload is kept. */
    boolean whole() {
        return length <= KEPT;
    }

    boolean sameAs(PayloadText other) {
        return length == other.length && hash == other.hash && kept.equals(other.kept);
    }
}
