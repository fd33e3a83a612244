package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleEndpoints.Data;
import com.opstower.raindrop.local.SampleEndpoints.Page;
import com.opstower.raindrop.local.SampleModel.Signal;
import com.opstower.raindrop.local.SampleModel.SignalGroup;
import com.opstower.raindrop.local.SampleModel.User;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The workspace's catalogs: {@code /v1/signals}, {@code /v1/signal-groups} (with each group's signals) and
 * {@code /v1/users}. Lists take {@code order_by} as the official SDK sends it: {@code -timestamp} (its default) and
 * {@code timestamp} order signals and groups by creation, users by when they were last seen.
 */
final class CatalogEndpoints {

    private static final Map<String, Comparator<Signal>> SIGNAL_ORDERS = creationOrders(Signal::createdAt, Signal::id);
    private static final Map<String, Comparator<SignalGroup>> GROUP_ORDERS = creationOrders(SignalGroup::createdAt, SignalGroup::id);
    private static final Comparator<User> BY_LAST_SEEN = Comparator.comparing(User::lastSeen).thenComparing(User::id);
    private static final Comparator<User> BY_FIRST_SEEN = Comparator.comparing(User::firstSeen).thenComparing(User::id);
    private static final Map<String, Comparator<User>> USER_ORDERS = Map.of(
            "-timestamp", BY_LAST_SEEN.reversed(), "timestamp", BY_LAST_SEEN,
            "-last_seen", BY_LAST_SEEN.reversed(), "last_seen", BY_LAST_SEEN,
            "-first_seen", BY_FIRST_SEEN.reversed(), "first_seen", BY_FIRST_SEEN);

    private final SampleWorkspace workspace;

    CatalogEndpoints(SampleWorkspace workspace) {
        this.workspace = workspace;
    }

    Page listSignals(QueryParams params) {
        return Page.of(sorted(workspace.signals(), SIGNAL_ORDERS, params), params);
    }

    Data signal(String id) {
        return new Data(workspace.signals().stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("Signal not found")));
    }

    Page listSignalGroups(QueryParams params) {
        return Page.of(sorted(workspace.signalGroups(), GROUP_ORDERS, params), params);
    }

    Data signalGroup(String id) {
        return new Data(group(id));
    }

    Page listGroupSignals(String groupId, QueryParams params) {
        SignalGroup group = group(groupId);
        List<Signal> members = workspace.signals().stream().filter(s -> group.id().equals(s.groupId())).toList();
        return Page.of(sorted(members, SIGNAL_ORDERS, params), params);
    }

    Page listUsers(QueryParams params) {
        TimeRange firstSeen = TimeRange.of(params, "first_seen");
        TimeRange lastSeen = TimeRange.of(params, "last_seen");
        Predicate<User> matches = Filters.text(params, "user_id", User::id)
                .and(Filters.keyValues(params, "traits", User::traits))
                .and(user -> firstSeen.contains(user.firstSeen()) && lastSeen.contains(user.lastSeen()));
        return Page.of(sorted(workspace.users().stream().filter(matches).toList(), USER_ORDERS, params), params);
    }

    Data user(String id) {
        return new Data(workspace.users().stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("User not found")));
    }

    private SignalGroup group(String id) {
        return workspace.signalGroups().stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("Signal group not found"));
    }

    private static <T> List<T> sorted(List<T> items, Map<String, Comparator<T>> orders, QueryParams params) {
        return items.stream().sorted(orders.get(params.oneOf("order_by", "-timestamp", orders.keySet()))).toList();
    }

    /** Creation order both ways, under the SDK's {@code timestamp} and the field's own name {@code created_at}. */
    private static <T> Map<String, Comparator<T>> creationOrders(Function<T, Instant> createdAt, Function<T, String> id) {
        Comparator<T> oldestFirst = Comparator.comparing(createdAt).thenComparing(id);
        return Map.of("-timestamp", oldestFirst.reversed(), "timestamp", oldestFirst,
                "-created_at", oldestFirst.reversed(), "created_at", oldestFirst);
    }
}
