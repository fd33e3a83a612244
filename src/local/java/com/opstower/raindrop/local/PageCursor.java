package com.opstower.raindrop.local;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list endpoints' opaque cursor: base64 of {@code {"offset":N}}, as in the shared API examples. URL-safe and
 * unpadded, so that it survives a query string whether or not the client percent-encodes it.
 */
final class PageCursor {

    private static final Pattern OFFSET = Pattern.compile("\\{\"offset\":(\\d{1,9})}");

    private PageCursor() {
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"offset\":" + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor stands for; 0 without a cursor. */
    static int decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            Matcher matcher = OFFSET.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        } catch (IllegalArgumentException e) {
            // not base64: answered below like any other cursor this server did not issue
        }
        throw ApiError.badRequest("cursor", "Invalid cursor");
    }
}
