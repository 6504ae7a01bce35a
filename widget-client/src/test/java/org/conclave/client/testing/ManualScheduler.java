package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.conclave.client.util.Clock;
import org.conclave.client.util.Scheduler;

/** A {@link Scheduler} and {@link Clock} that move only when a test says so. */
public final class ManualScheduler implements Scheduler, Clock {
    private double now = 1_700_000_000_000.0;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private final class Task implements Cancellable {
        final double due;
        final long order = sequence++;
        final Runnable run;
        boolean cancelled;

        Task(double due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Cancellable schedule(double delayMillis, Runnable task) {
        Task t = new Task(now + delayMillis, task);
        tasks.add(t);
        return t;
    }

    @Override
    public double nowMillis() {
        return now;
    }

    /** Moves time forward, running every task that falls due, in order. */
    public void advance(double millis) {
        double target = now + millis;
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
                    .min(Comparator.<Task>comparingDouble(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due);
            next.run.run();
        }
        now = target;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
