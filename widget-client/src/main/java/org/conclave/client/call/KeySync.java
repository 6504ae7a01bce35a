package org.conclave.client.call;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.e2ee.ReceiverKeys;

/**
 * Keeps the frame worker's keys in step with {@link KeyManager}: after every change it passes on
 * the send key when it changed, each received key once, and the participants whose keys are gone.
 * A key is known by its object, not its index: indexes wrap at 256, and a new key at a reused
 * index must replace the old one in the worker.
 */
final class KeySync {
    private final FrameKeys sink;
    private final Map<String, MediaKey[]> passed = new HashMap<>();
    private MediaKey sendKey;

    KeySync(FrameKeys sink) {
        this.sink = sink;
    }

    /** Passes on what changed in {@code keys}, for the participants {@code present}. */
    void sync(KeyManager keys, Iterable<String> present) {
        Map<String, ReceiverKeys> rings = new LinkedHashMap<>();
        for (String participant : present) {
            ReceiverKeys ring = keys.keysOf(participant);
            if (ring != null) {
                rings.put(participant, ring);
            }
        }
        // Leavers first: their keys go before the key that replaces ours because they left.
        for (String participant : new HashSet<>(passed.keySet())) {
            if (!rings.containsKey(participant)) {
                passed.remove(participant);
                sink.forget(participant);
            }
        }
        MediaKey send = keys.sendKey();
        if (send != null && send != sendKey) {
            sendKey = send;
            sink.setSendKey(send);
        }
        for (Map.Entry<String, ReceiverKeys> entry : rings.entrySet()) {
            String participant = entry.getKey();
            ReceiverKeys ring = entry.getValue();
            MediaKey[] done = passed.computeIfAbsent(participant, p -> new MediaKey[256]);
            for (int index : ring.indexes()) {
                MediaKey key = ring.get(index);
                if (key != null && key != done[index]) {
                    done[index] = key;
                    sink.addReceiveKey(participant, key);
                }
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
