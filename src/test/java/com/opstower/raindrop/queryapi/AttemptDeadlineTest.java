package com.opstower.raindrop.queryapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deadline ends a blocked attempt, and nothing of it outlives the attempt. */
class AttemptDeadlineTest {

    @Test
    void interruptsABlockedAttemptAtItsDeadlineAndClearsTheInterruptAfter() {
        long started = System.nanoTime();
        try (AttemptDeadline deadline = AttemptDeadline.start(Duration.ofMillis(50))) {
            assertThrows(InterruptedException.class, () -> Thread.sleep(5_000));
            assertTrue(deadline.fired());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms < 2_000, "ended at the deadline, took " + ms + " ms");
        assertFalse(Thread.currentThread().isInterrupted(), "no interrupt left for the next attempt");
    }

    @Test
    void leavesAnAttemptThatEndsInTimeAlone() throws Exception {
        try (AttemptDeadline deadline = AttemptDeadline.start(Duration.ofMillis(200))) {
            Thread.sleep(10);
            assertFalse(deadline.fired());
        }
        Thread.sleep(400);
        assertFalse(Thread.currentThread().isInterrupted(), "a cancelled deadline never fires");
    }

    @Test
    void keepsAnInterruptItDidNotCause() {
        try (AttemptDeadline deadline = AttemptDeadline.start(Duration.ofSeconds(5))) {
            Thread.currentThread().interrupt();
        }
        assertTrue(Thread.interrupted(), "someone else's interrupt stays");
    }
}
