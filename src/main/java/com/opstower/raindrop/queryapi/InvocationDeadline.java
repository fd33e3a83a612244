package com.opstower.raindrop.queryapi;

import java.time.Instant;
import java.util.Optional;

/**
 * The moment by which the current invocation must have answered, when the runtime that invoked it says so (a Lambda
 * invocation's deadline, {@code Lambda-Runtime-Deadline-Ms}). Every Query API call made while it is set ends before
 * it, less {@code raindrop.retry.deadline-reserve}, whatever its own budget: no attempt, and no wait on a 429, runs
 * past the time the invocation has left. Held per thread: a tool runs on the thread that received its invocation.
 */
public final class InvocationDeadline {

    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    /** Work that may fail with a checked exception, such as a handler writing its answer. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }

    private InvocationDeadline() {
    }

    /** Runs {@code work} as an invocation that must answer by {@code deadline}. */
    public static <E extends Exception> void runUntil(Instant deadline, Work<E> work) throws E {
        Instant outer = CURRENT.get();
        CURRENT.set(deadline);
        try {
            work.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The current invocation's deadline, if its runtime gave one. */
    static Optional<Instant> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
