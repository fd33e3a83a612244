package com.opstower.raindrop.queryapi;

/** The upstream body passed the size allowed for it; reading stopped there and the connection was closed. */
public final class ResponseTooLarge extends QueryApiFailure {

    private final long limitBytes;

    ResponseTooLarge(long limitBytes) {
        super(Kind.BAD_RESPONSE, Reason.TOO_LARGE, 0, null, null, null, 0, false, null, null, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
