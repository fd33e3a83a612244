package com.opstower.raindrop.queryapi;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The moment by which the current invocation must have answered, when the runtime that invoked it says so (a Lambda
 * invocation's deadline, {@code Lambda-Runtime-Deadline-Ms}). Every Query API call made while it is set ends before
 * it, less {@code raindrop.retry.deadline-reserve}, whatever its own budget: no attempt, and no wait on a 429, runs
 * past the time the invocation has left. Held per thread: a tool runs on the thread that received its invocation,
 * and carries the deadline to any thread it reads on besides ({@link #carried}).
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

    /**
     * Makes {@code deadline} the current thread's until this is called again: for a runtime that reads the next
     * invocation's deadline before it runs the invocation on the same thread, with no hook around the run.
     */
    public static void beginOnThisThread(Instant deadline) {
        CURRENT.set(deadline);
    }

    /**
     * {@code work} to run on another thread within the current invocation's deadline, as a tool reading two things at
     * once does; {@code work} itself when there is none.
     */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Instant deadline = CURRENT.get();
        if (deadline == null) {
            return work;
        }
        return () -> {
            AtomicReference<T> result = new AtomicReference<>();
            runUntil(deadline, () -> result.set(work.get()));
            return result.get();
        };
    }

    /** The current invocation's deadline, if its runtime gave one. */
    static Optional<Instant> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
