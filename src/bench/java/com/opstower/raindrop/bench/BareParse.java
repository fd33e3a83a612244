package com.opstower.raindrop.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The physical limit of reading a trace: Jackson's streaming parser over every token of the body, decoding every
 * string (field names and values) into characters and every number, and building nothing. Any reader of the body,
 * the tree renderer included, does at least this much work.
 */
public final class BareParse {

    /** The factory of a default {@link ObjectMapper}, as the trace reader uses. */
    public static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    private BareParse() {
    }

    /** A value depending on every decoded character count and number, so that nothing can be skipped. */
    public static long consume(byte[] body) {
        long sink = 0;
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> sink += parser.currentName().length();
                    case VALUE_STRING -> {
                        char[] chars = parser.getTextCharacters();
                        int length = parser.getTextLength();
                        sink += length + (length == 0 ? 0 : chars[parser.getTextOffset() + length - 1]);
                    }
                    case VALUE_NUMBER_INT -> sink += parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> sink += (long) parser.getDoubleValue();
                    default -> sink++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }
}
