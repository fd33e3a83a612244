package com.opstower.raindrop.queryapi;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends one blocking attempt when the call's time budget runs out. The client's own timeouts count idle time per
 * attempt (no byte for the read timeout), so a slow answer begun late in the budget, or a body that trickles in, would
 * otherwise run past it. At the deadline the attempt's thread is interrupted: the blocking request and body reads of
 * the REST client give up with an interrupted I/O failure. {@link #close()} clears an interrupt this deadline caused,
 * so that nothing of it outlives the attempt.
 */
final class AttemptDeadline implements AutoCloseable {

    /** One daemon thread for every call of this JVM: it only ever sets a flag. */
    private static final ScheduledExecutorService TIMER = timer();

    private final Thread thread = Thread.currentThread();
    private final ScheduledFuture<?> task;
    private boolean done;
    private boolean fired;

    private AttemptDeadline(Duration left) {
        this.task = TIMER.schedule(this::fire, Math.max(1, left.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Starts timing an attempt on the current thread that must end within {@code left}. */
    static AttemptDeadline start(Duration left) {
        return new AttemptDeadline(left);
    }

    private synchronized void fire() {
        if (!done) {
            fired = true;
            thread.interrupt();
        }
    }

    /** Whether the deadline ended the attempt. */
    synchronized boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        boolean clear;
        synchronized (this) {
            done = true;
            clear = fired;
        }
        task.cancel(false);
        if (clear) {
            Thread.interrupted();
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = Executors.defaultThreadFactory().newThread(runnable);
            t.setName("raindrop-attempt-deadline");
            t.setDaemon(true);
            return t;
        });
        // Attempts usually end long before their deadline: drop cancelled timers at once rather than at their time.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
