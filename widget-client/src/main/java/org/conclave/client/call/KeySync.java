package org.conclave.client.call;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.e2ee.ReceiverKeys;

/**
 * Keeps the frame worker's keys in step with {@link KeyManager}: after every change it passes on
 * the send key when it changed, each received key once, and the participants whose keys are gone.
 */
final class KeySync {
    private final FrameKeys sink;
    private final Map<String, Set<Integer>> passed = new HashMap<>();
    private MediaKey sendKey;

    KeySync(FrameKeys sink) {
        this.sink = sink;
    }

    /** Passes on what changed in {@code keys}, for the participants {@code present}. */
    void sync(KeyManager keys, Iterable<String> present) {
        MediaKey send = keys.sendKey();
        if (send != null && send != sendKey) {
            sendKey = send;
            sink.setSendKey(send);
        }
        Set<String> seen = new HashSet<>();
        for (String participant : present) {
            ReceiverKeys ring = keys.keysOf(participant);
            if (ring == null) {
                continue;
            }
            seen.add(participant);
            Set<Integer> done = passed.computeIfAbsent(participant, p -> new HashSet<>());
            for (int index : ring.indexes()) {
                if (done.add(index)) {
                    MediaKey key = ring.get(index);
                    if (key != null) {
                        sink.addReceiveKey(participant, key);
                    }
                }
            }
        }
        for (String participant : new HashSet<>(passed.keySet())) {
            if (!seen.contains(participant)) {
                passed.remove(participant);
                sink.forget(participant);
            }
        }
    }

    /** Forgets everything passed (left the call); the next send key is passed again. */
    void reset() {
        for (String participant : passed.keySet()) {
            sink.forget(participant);
        }
        passed.clear();
        sendKey = null;
    }
}
