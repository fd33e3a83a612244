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
import java.util.Random;
import java.util.function.Function;

/**
 * Random tool request bodies, drawn from a seeded {@link Random} so that every failure can be replayed, for property tests of argument handling: mostly the tool's own argument names with
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

    /** A source of random values, reproducible from the {@link Random} it draws from. */
    @FunctionalInterface
    public interface Gen<T> {
        T next(Random random);

        default <R> Gen<R> map(Function<? super T, ? extends R> f) {
            return random -> f.apply(next(random));
        }

        /** Null with the given probability, else a value of this generator. */
        default Gen<T> orNull(double probability) {
            return random -> random.nextDouble() < probability ? null : next(random);
        }

        default Gen<List<T>> list(int maxSize) {
            return random -> {
                int size = random.nextInt(maxSize + 1);
                List<T> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(next(random));
                }
                return list;
            };
        }

        static <T> Gen<T> of(List<T> values) {
            return random -> values.get(random.nextInt(values.size()));
        }

        /** One of the generators, each chosen in proportion to its weight. */
        static <T> Gen<T> weighted(int weightA, Gen<? extends T> a, int weightB, Gen<? extends T> b) {
            return random -> random.nextInt(weightA + weightB) < weightA ? a.next(random) : b.next(random);
        }
    }

    /** A string of up to {@code maxLength} characters drawn from the given code units. */
    private static Gen<String> stringOf(int minLength, int maxLength, CharSource chars) {
        return random -> {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(chars.next(random));
            }
            return s.toString();
        };
    }

    @FunctionalInterface
    private interface CharSource {
        char next(Random random);
    }

    private static final String URLISH = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~/?#%&=+ ;:@";

    public static Gen<String> strings() {
        Gen<String> interesting = Gen.of(interestingStrings());
        // Any UTF-16 unit: controls, unassigned points and lone surrogate halves included.
        Gen<String> anyUnits = stringOf(0, 24, random -> (char) random.nextInt(Character.MAX_VALUE + 1));
        Gen<String> urlish = stringOf(0, 30, random -> URLISH.charAt(random.nextInt(URLISH.length())));
        Gen<String> long_ = stringOf(200, 5000, random -> (char) ('a' + random.nextInt(26)));
        return Gen.weighted(4, interesting, 7, Gen.weighted(3, anyUnits, 4, Gen.weighted(3, urlish, 1, long_)));
    }

    public static Gen<Object> numbers() {
        BigInteger huge = BigInteger.TWO.pow(70);
        Gen<Object> small = random -> -3 + random.nextInt(1204);
        Gen<Object> anyLong = Random::nextLong;
        Gen<Object> bigInteger = random -> new BigInteger(71, random).subtract(huge);
        Gen<Object> anyDouble = random -> (random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.pow(10, random.nextInt(40));
        Gen<Object> edgeDoubles = Gen.of(List.of(0.0, -0.0, 1.5, 7.0, 20.0, 1e308, -1e308, 4.9e-324));
        return Gen.weighted(4, small, 6, Gen.weighted(2, anyLong, 4, Gen.weighted(1, bigInteger, 3, Gen.weighted(2, anyDouble, 1, edgeDoubles))));
    }

    public static Gen<Object> scalars() {
        Gen<Object> strings = strings().map(s -> s);
        Gen<Object> booleans = Random::nextBoolean;
        return Gen.weighted(5, strings, 4, Gen.weighted(3, numbers(), 1, booleans)).orNull(0.08);
    }

    /** Any JSON value, nested at most twice. */
    public static Gen<Object> values() {
        Gen<Object> list = scalars().list(3).map(l -> l);
        Gen<Object> object = random -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                map.put(strings().next(random), scalars().next(random));
            }
            return map;
        };
        return Gen.weighted(10, scalars(), 2, Gen.weighted(1, list, 1, object));
    }

    /** Usually a well-formed connection with the given key, sometimes one with any fields, sometimes not an object. */
    public static Gen<Object> connections(String key) {
        Gen<String> integrations = Gen.of(List.of("int_42", "../x", "a/b", "ünï", "int 7")).orNull(0.3);
        Gen<String> projects = Gen.of(List.of("checkout-bot", "default", "p-1")).orNull(0.5);
        Gen<Object> wellFormed = random -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("api_key", key);
            String integration = integrations.next(random);
            String project = projects.next(random);
            if (integration != null) {
                c.put("integration_id", integration);
            }
            if (project != null) {
                c.put("project_id", project);
            }
            return c;
        };
        Gen<String> fieldNames = Gen.of(List.of("api_key", "project_id", "integration_id", "apiKey"));
        Gen<Object> anyFields = random -> {
            Map<String, Object> c = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                c.put(fieldNames.next(random), values().next(random));
            }
            return c;
        };
        return Gen.weighted(8, wellFormed, 2, Gen.weighted(1, anyFields, 1, values()));
    }

    /**
     * Request bodies for a tool taking the given arguments: mostly its own names, sometimes any name; a connection with
     * the given key most of the time.
     */
    public static Gen<Map<String, Object>> requests(List<String> argumentNames, String key) {
        Gen<String> names = argumentNames.isEmpty() ? strings() : Gen.weighted(8, Gen.of(argumentNames), 1, strings());
        Gen<Object> connection = connections(key).orNull(0.2);
        return random -> {
            Map<String, Object> body = new LinkedHashMap<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                body.put(names.next(random), values().next(random));
            }
            Object c = connection.next(random);
            if (c != null) {
                body.put("connection", c);
            }
            return body;
        };
    }

    /** smoke_test's input: a list of connections, sometimes broken, sometimes with other names beside it. */
    public static Gen<Map<String, Object>> smokeTestRequests(String key) {
        Gen<Object> list = connections(key).list(3).map(l -> l);
        Gen<Object> connectionsValue = Gen.weighted(8, list, 1, values()).orNull(0.2);
        return random -> {
            Map<String, Object> body = new LinkedHashMap<>();
            Object connections = connectionsValue.next(random);
            if (connections != null) {
                body.put("connections", connections);
            }
            if (random.nextDouble() < 0.2) {
                body.put(strings().next(random), values().next(random));
            }
            return body;
        };
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
