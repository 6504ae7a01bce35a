package org.conclave.client.e2ee;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The local sender's media keys and Conclave's rotation policy (protocol.md §5), stricter than
 * Element Call's:
 * <ul>
 *   <li>a participant leaves → a fresh random key at the next index, for the remaining devices only;</li>
 *   <li>a participant joins → the key ratcheted one way ({@link KeyRatchet}) to the next index, for
 *       the joiners only (everyone else derives it).</li>
 * </ul>
 * Each change returns a {@link Plan}: whom to send which key. The key protects media only after
 * the caller has sent it and calls {@link #activate} (within about a second), so no receiver
 * sees frames under a key it cannot have yet.
 */
public final class SenderKeys {
    /** Whom to send which key; {@code recipients} are participant keys ({@code user|device}). */
    public static final class Plan {
        private final MediaKey key;
        private final List<String> recipients;

        Plan(MediaKey key, List<String> recipients) {
            this.key = key;
            this.recipients = Collections.unmodifiableList(new ArrayList<>(recipients));
        }

        public MediaKey key() {
            return key;
        }

        public List<String> recipients() {
            return recipients;
        }

        @Override
        public String toString() {
            return "Plan[index " + key.index() + " to " + recipients.size() + " devices]";
        }
    }

    private final SecureRandom random;
    private MediaKey active;
    private MediaKey latest;

    public SenderKeys(SecureRandom random) {
        this.random = random;
    }

    /** The first key (index 0) for the devices already in the call; forgets any earlier call's keys. */
    public Plan start(List<String> others) {
        if (active != null) {
            active.destroy();
        }
        active = null;
        latest = fresh(0);
        return new Plan(latest, others);
    }

    /** {@code joiners} arrived: ratchet to the next index and send it to them only. */
    public Plan joined(List<String> joiners) {
        requireStarted();
        latest = KeyRatchet.next(latest);
        return new Plan(latest, joiners);
    }

    /** Someone left: a fresh random key at the next index for {@code remaining} only. */
    public Plan left(List<String> remaining) {
        requireStarted();
        latest = fresh((latest.index() + 1) & 0xff);
        return new Plan(latest, remaining);
    }

    /**
     * Starts protecting with {@code key} once it has been sent. A key older than the active one
     * (a late activation after a newer plan was activated) is ignored.
     */
    public boolean activate(MediaKey key) {
        if (active != null && distance(active.index(), key.index()) > 128) {
            return false;
        }
        active = key;
        return true;
    }

    /** The key frames are protected with now, or null before the first activation. */
    public MediaKey active() {
        return active;
    }

    /** The newest key planned (possibly not active yet). */
    public MediaKey latest() {
        return latest;
    }

    /** Steps forward from {@code from} to {@code to} modulo 256 (0–255). */
    static int distance(int from, int to) {
        return (to - from) & 0xff;
    }

    private MediaKey fresh(int index) {
        byte[] bytes = new byte[MediaKey.LENGTH];
        random.nextBytes(bytes);
        MediaKey key = new MediaKey(index, bytes);
        java.util.Arrays.fill(bytes, (byte) 0);
        return key;
    }

    private void requireStarted() {
        if (latest == null) {
            throw new IllegalStateException("start() first");
        }
    }
}
