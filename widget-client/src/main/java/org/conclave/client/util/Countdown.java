package org.conclave.client.util;

/** Runs an action once, when the last of a known number of things it waits for is done. */
public final class Countdown {
    private Countdown() {}

    /** A runnable to call once per thing done; {@code action} runs at the {@code count}th call, never again. */
    public static Runnable of(int count, Runnable action) {
        int[] left = {count};
        return () -> {
            if (--left[0] == 0) {
                action.run();
            }
        };
    }
}
