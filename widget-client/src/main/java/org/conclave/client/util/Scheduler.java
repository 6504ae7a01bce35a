package org.conclave.client.util;

/**
 * Runs tasks later on the caller's single thread (the browser event loop, or a manual scheduler in
 * tests). Tasks never run re-entrantly inside {@link #schedule}.
 */
public interface Scheduler {
    /** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
    interface Cancellable {
        /** Prevents the task from running if it has not yet. */
        void cancel();
    }

    /** Runs {@code task} once after {@code delayMillis}. */
    Cancellable schedule(double delayMillis, Runnable task);
}
