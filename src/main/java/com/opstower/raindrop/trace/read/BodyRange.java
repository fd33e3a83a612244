package com.opstower.raindrop.trace.read;

/**
 * Where a span's value lies in the body the reader read, {@code [from, to)} in bytes, so that a consumer reads it
 * ({@link TraceReader#readAttributes}) only once it knows it wants to.
 */
public record BodyRange(long from, long to) {
}
