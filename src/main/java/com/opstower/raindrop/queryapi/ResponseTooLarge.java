package com.opstower.raindrop.queryapi;

/** The upstream body passed the size allowed for it; reading stopped there. */
public final class ResponseTooLarge extends RuntimeException {

    private final long limitBytes;

    ResponseTooLarge(long limitBytes) {
        super("response body larger than " + limitBytes + " bytes", null, false, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
