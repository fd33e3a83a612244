package com.opstower.raindrop.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random tool request bodies, for property tests of argument handling: mostly the tool's own argument names with
 * values of every JSON type and every awkward shape (control characters, halves of surrogate pairs, path-like ids,
 * numbers past any bound), sometimes unknown names, sometimes a broken connection object.
 */
public final class JsonBodies {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private JsonBodies() {
    }

    /** Strings an agent could plausibly send, and some it should not. */
    static List<String> interestingStrings() {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        return List.of("", " ", "   ", "\t\n", "../x", "a/b", "%2e%2e", "?x=1", "#frag", "a&limit=5", "..", ".", "a b", "a+b",
                "true", "FALSE", "yes", "5", " 7 ", "-1", "0", "1e3", "7.0", "99999999999999999999", yesterday,
                yesterday + "T08:00:00Z", "2026-11-20T00:00:00+02:00", "2026-13-40", "yesterday", "-timestamp", "timestamp",
                "-last_message_at", "last_message_at", "-started_at", "started_at", "ünïcødé 用户 😀", "\u202Eevil",
                "null", "{}", "[]", "a\u0000b", "line\nbreak", "\u0085", "\uD800", "x\uDC00", "evt_abc123", "conv_8f2c1a",
                "int_42", "checkout-bot", "Bad_Slug");
    }

    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(interestingStrings())),
                // Any UTF-16 unit: controls, unassigned points and lone surrogate halves included.
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(24)),
                Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars("-_.~/?#%&=+ ;:@").ofMaxLength(30)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(200).ofMaxLength(5000)));
    }

    public static Arbitrary<Object> numbers() {
        BigInteger huge = BigInteger.TWO.pow(70);
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(-3, 1200).map(i -> (Object) i)),
                Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.bigIntegers().between(huge.negate(), huge).map(b -> (Object) b)),
                Tuple.of(2, Arbitraries.doubles().map(d -> (Object) d)),
                Tuple.of(1, Arbitraries.of(0.0, -0.0, 1.5, 7.0, 20.0, 1e308, -1e308, 4.9e-324).map(d -> (Object) d)));
    }

    public static Arbitrary<Object> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, strings().map(s -> (Object) s)),
                Tuple.of(3, numbers()),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b))).injectNull(0.08);
    }

    /** Any JSON value, nested at most twice. */
    public static Arbitrary<Object> values() {
        Arbitrary<Object> list = scalars().list().ofMaxSize(3).map(l -> (Object) l);
        Arbitrary<Object> object = Arbitraries.maps(strings(), scalars()).ofMaxSize(3).map(m -> (Object) m);
        return Arbitraries.frequencyOf(Tuple.of(10, scalars()), Tuple.of(1, list), Tuple.of(1, object));
    }

    /** Usually a well-formed connection with the given key, sometimes one with any fields, sometimes not an object. */
    public static Arbitrary<Object> connections(String key) {
        Arbitrary<Object> wellFormed = Combinators.combine(
                Arbitraries.of("int_42", "../x", "a/b", "ünï", "int 7").injectNull(0.3),
                Arbitraries.of("checkout-bot", "default", "p-1").injectNull(0.5))
                .as((integration, project) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("api_key", key);
                    if (integration != null) {
                        c.put("integration_id", integration);
                    }
                    if (project != null) {
                        c.put("project_id", project);
                    }
                    return (Object) c;
                });
        Arbitrary<Object> anyFields = Arbitraries.maps(Arbitraries.of("api_key", "project_id", "integration_id", "apiKey"), values())
                .ofMaxSize(3).map(m -> (Object) m);
        return Arbitraries.frequencyOf(Tuple.of(8, wellFormed), Tuple.of(1, anyFields), Tuple.of(1, values()));
    }

    /**
     * Request bodies for a tool taking the given arguments: mostly its own names, sometimes any name; a connection with
     * the given key most of the time.
     */
    public static Arbitrary<Map<String, Object>> requests(List<String> argumentNames, String key) {
        Arbitrary<String> names = argumentNames.isEmpty() ? strings()
                : Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(argumentNames)), Tuple.of(1, strings()));
        Arbitrary<Map<String, Object>> arguments = Arbitraries.maps(names, values()).ofMaxSize(4);
        Arbitrary<Object> connection = connections(key).injectNull(0.2);
        return Combinators.combine(arguments, connection).as((args, c) -> {
            Map<String, Object> body = new LinkedHashMap<>(args);
            if (c != null) {
                body.put("connection", c);
            }
            return body;
        });
    }

    /** smoke_test's input: a list of connections, sometimes broken, sometimes with other names beside it. */
    public static Arbitrary<Map<String, Object>> smokeTestRequests(String key) {
        Arbitrary<Object> list = connections(key).list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> connectionsValue = Arbitraries.frequencyOf(Tuple.of(8, list), Tuple.of(1, values()));
        return Combinators.combine(connectionsValue.injectNull(0.2), Arbitraries.maps(strings(), values()).ofMaxSize(1).injectNull(0.8))
                .as((connections, extra) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    if (connections != null) {
                        body.put("connections", connections);
                    }
                    if (extra != null) {
                        body.putAll(extra);
                    }
                    return body;
                });
    }

    /** A body as JSON text, every character past ASCII escaped, so that even a lone surrogate half survives the trip. */
    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
