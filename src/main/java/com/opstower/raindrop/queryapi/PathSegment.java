package com.opstower.raindrop.queryapi;

import java.nio.charset.StandardCharsets;

/** Percent-encodes an id into one path segment: an id is data, never a path. */
final class PathSegment {

    private PathSegment() {
    }

    /** Keeps only RFC 3986 unreserved letters, digits, {@code -}, {@code _} and {@code ~}; {@code .} is encoded too, so {@code ..} stays a name. */
    static String encode(String id) {
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
