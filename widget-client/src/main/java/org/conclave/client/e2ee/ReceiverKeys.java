package org.conclave.client.e2ee;

/**
 * The keys one remote sender device gave us, by index (0–255), bounded. A frame under an index we
 * were not sent is still readable when we hold an earlier index of the same chain: the sender
 * ratcheted on a join, and {@link #get} derives the key ({@link KeyRatchet}) as long as it is at
 * most {@link #MAX_RATCHET_STEPS} ahead. Indexes wrap at 256; only the newest
 * {@link #CAPACITY} keys are kept, so an index reused after a wrap replaces the old key instead of
 * being confused with it.
 */
public final class ReceiverKeys {
    public static final int CAPACITY = 8;
    public static final int MAX_RATCHET_STEPS = 16;

    private final MediaKey[] byIndex = new MediaKey[256];
    private final int[] order = new int[CAPACITY]; // indexes held, oldest first
    private int held;

    /** Stores a received key, replacing any key at its index; drops the oldest beyond capacity. */
    public void put(MediaKey key) {
        int index = key.index();
        if (byIndex[index] != null) {
            byIndex[index].destroy();
            remove(index);
        }
        if (held == CAPACITY) {
            int oldest = order[0];
            byIndex[oldest].destroy();
            byIndex[oldest] = null;
            remove(oldest);
        }
        byIndex[index] = key;
        order[held++] = index;
    }

    /** The key for {@code index}: held, or derived from the nearest earlier held index; else null. */
    public MediaKey get(int index) {
        if (index < 0 || index > 255) {
            return null;
        }
        if (byIndex[index] != null) {
            return byIndex[index];
        }
        for (int steps = 1; steps <= MAX_RATCHET_STEPS; steps++) {
            MediaKey base = byIndex[(index - steps) & 0xff];
            if (base != null) {
                MediaKey key = base;
                for (int i = 0; i < steps; i++) {
                    key = KeyRatchet.next(key);
                }
                put(key);
                return key;
            }
        }
        return null;
    }

    /** Whether no key is held. */
    public boolean isEmpty() {
        return held == 0;
    }

    /** The indexes held, oldest first (for the UI: which key index this participant holds). */
    public int[] indexes() {
        return java.util.Arrays.copyOf(order, held);
    }

    /** Forgets every key (the sender left). */
    public void clear() {
        for (int i = 0; i < held; i++) {
            byIndex[order[i]].destroy();
            byIndex[order[i]] = null;
        }
        held = 0;
    }

    private void remove(int index) {
        for (int i = 0; i < held; i++) {
            if (order[i] == index) {
                System.arraycopy(order, i + 1, order, i, held - i - 1);
                held--;
                return;
            }
        }
    }
}
