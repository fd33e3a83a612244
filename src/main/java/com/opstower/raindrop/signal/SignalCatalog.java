package com.opstower.raindrop.signal;

import static com.opstower.raindrop.tool.Markdown.code;

import com.opstower.raindrop.config.SignalsConfig;
import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.Queries.PageQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Signal;
import com.opstower.raindrop.queryapi.Wire.SignalGroup;
import com.opstower.raindrop.tool.ToolFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The workspace's signals and signal groups, read whole and kept for a few minutes per connection, so that the tools
 * take a signal's or a group's name where the Query API wants its id. Cached by a hash of the key and project: the
 * key itself is never held as a map key, logged or shown.
 */
@ApplicationScoped
public class SignalCatalog {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int PAGE_SIZE = 100;
    /** Names listed in a refusal: enough to spot a typo, few enough to read. */
    private static final int NAMES_SHOWN = 15;

    private final RaindropClient raindrop;
    private final int maxPages;
    private final ExpiringCache<List<Signal>> signals;
    private final ExpiringCache<List<SignalGroup>> groups;

    SignalCatalog(RaindropClient raindrop, SignalsConfig config) {
        this.raindrop = raindrop;
        this.maxPages = config.maxPages();
        this.signals = new ExpiringCache<>(config.cacheTtl(), config.cacheSize(), Clock.systemUTC());
        this.groups = new ExpiringCache<>(config.cacheTtl(), config.cacheSize(), Clock.systemUTC());
    }

    /** Every signal of the connection's workspace. */
    public List<Signal> signals(Credentials connection) {
        return signals.get(cacheKey(connection), () -> readAll(cursor -> raindrop.listSignals(connection, new PageQuery(PAGE_SIZE, cursor))));
    }

    /** Forgets every workspace's signals and groups, as before a snapshot: none of them may be in it. */
    public void forgetAll() {
        signals.clear();
        groups.clear();
    }

    /** Every signal group of the connection's workspace. */
    public List<SignalGroup> groups(Credentials connection) {
        return groups.get(cacheKey(connection), () -> readAll(cursor -> raindrop.listSignalGroups(connection, new PageQuery(PAGE_SIZE, cursor))));
    }

    /**
     * The id of the signal named {@code nameOrId} (any case), or the value itself when it is an id: a UUID is sent
     * as it is, without reading the signals. Null stays null.
     *
     * @throws ToolFailure INVALID_ARGUMENT naming the known signals, closest first, for an unknown name
     */
    public String signalId(Credentials connection, String argument, String nameOrId) {
        if (nameOrId == null || UUID.matcher(nameOrId).matches()) {
            return nameOrId;
        }
        return resolve(argument, "signal", nameOrId, signals(connection), Signal::id, Signal::name);
    }

    /** The id of the signal group named {@code nameOrId}, as {@link #signalId} resolves signals. */
    public String groupId(Credentials connection, String argument, String nameOrId) {
        if (nameOrId == null || UUID.matcher(nameOrId).matches()) {
            return nameOrId;
        }
        return resolve(argument, "signal group", nameOrId, groups(connection), SignalGroup::id, SignalGroup::name);
    }

    private <T> List<T> readAll(Function<String, Page<T>> page) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        for (int read = 0; read < maxPages; read++) {
            Page<T> next = page.apply(cursor);
            next.items().stream().filter(Objects::nonNull).forEach(all::add);
            cursor = next.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return List.copyOf(all);
    }

    /** An exact name first, then the name in any case, then an id that is not shaped as a UUID. */
    static <T> String resolve(String argument, String kind, String wanted, List<T> known, Function<T, String> id,
            Function<T, String> name) {
        List<Function<T, Boolean>> matches = List.of(
                t -> wanted.equals(name.apply(t)),
                t -> wanted.equalsIgnoreCase(name.apply(t)),
                t -> wanted.equals(id.apply(t)));
        for (Function<T, Boolean> match : matches) {
            for (T t : known) {
                if (match.apply(t) && id.apply(t) != null) {
                    return id.apply(t);
                }
            }
        }
        List<String> names = known.stream().map(name).filter(Objects::nonNull).distinct().toList();
        if (names.isEmpty()) {
            throw ToolFailure.invalidArgument("`" + argument + "`: this workspace has no " + kind + " named " + code(wanted)
                    + ", nor any " + kind + " at all.", "Call again without `" + argument + "`.");
        }
        List<String> closest = closestFirst(wanted, names);
        String shown = closest.stream().limit(NAMES_SHOWN).map(n -> code(n)).collect(Collectors.joining(", "));
        throw ToolFailure.invalidArgument("`" + argument + "`: no " + kind + " is named " + code(wanted)
                        + ". Known " + kind + "s, closest first: " + shown
                        + (closest.size() > NAMES_SHOWN ? " (and " + (closest.size() - NAMES_SHOWN) + " more)" : "") + ".",
                "Call again with one of these names (any case) or an id; list_signals shows every " + kind + ".");
    }

    /** Names ordered by edit distance to what was asked, ignoring case; ties alphabetically. */
    static List<String> closestFirst(String wanted, List<String> names) {
        String target = wanted.toLowerCase(Locale.ROOT);
        return names.stream()
                .sorted(Comparator.comparingInt((String n) -> editDistance(target, n.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The cache key of a connection: a digest of its key and project, never the key. */
    private static String cacheKey(Credentials connection) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((connection.apiKey() + "\n" + Objects.toString(connection.projectId(), ""))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
