package org.conclave.client.e2ee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conclave.client.rtc.Participant;
import org.conclave.client.util.Clock;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.RoomActions;

/**
 * Moves media keys between this device and the other participants (protocol.md §5): on every
 * change of the participant set it applies {@link SenderKeys}' policy and sends the new key by
 * encrypted to-device message to exactly the planned recipients, activating it once sent (a key
 * ratcheted for joiners that every other participant derives: at once); it files
 * received keys per (user, device), holding back keys from devices that are not (yet)
 * participants. Logs ids, indexes and counts, never keys.
 */
public final class KeyManager {
    /** Keys held back per device whose membership has not arrived, and devices held back. */
    static final int MAX_PENDING_PER_DEVICE = 4;
    static final int MAX_PENDING_DEVICES = 64;
    static final double RETRY_MS = 1_000;
    /**
     * After a leave the new key is used this long after the host accepted it, so that the others
     * have it before the first frame under it arrives (no dropped frames, no frozen picture; with no
     * grace the journey loses frames at every leave). The leaver gains nothing: every peer closed
     * its connection to it at once. Element Call waits the same second.
     */
    static final double ROTATION_GRACE_MS = 1_000;

    private final RoomActions actions;
    private final String roomId;
    private final String userId;
    private final String deviceId;
    private final SenderKeys senderKeys;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Log log;
    private final Map<String, Participant> others = new LinkedHashMap<>();
    private final Map<String, ReceiverKeys> received = new LinkedHashMap<>();
    private final Map<String, List<MediaKey>> pending = new LinkedHashMap<>();
    private boolean started;
    private Runnable listener = () -> {};

    public KeyManager(RoomActions actions, String roomId, String userId, String deviceId, SenderKeys senderKeys,
            Scheduler scheduler, Clock clock, Log log) {
        this.actions = actions;
        this.roomId = roomId;
        this.userId = userId;
        this.deviceId = deviceId;
        this.senderKeys = senderKeys;
        this.scheduler = scheduler;
        this.clock = clock;
        this.log = log;
    }

    /** Hears every change of the keys in use or held. */
    public void onChange(Runnable listener) {
        this.listener = listener;
    }

    /** The participants now (this device included or not); call while this device is in the call. */
    public void participantsChanged(List<Participant> participants) {
        Map<String, Participant> now = new LinkedHashMap<>();
        for (Participant p : participants) {
            if (!(p.userId().equals(userId) && p.deviceId().equals(deviceId))) {
                now.put(p.key(), p);
            }
        }
        Set<String> joiners = new LinkedHashSet<>(now.keySet());
        joiners.removeAll(others.keySet());
        Set<String> leavers = new LinkedHashSet<>(others.keySet());
        leavers.removeAll(now.keySet());
        others.clear();
        others.putAll(now);
        for (String leaver : leavers) {
            ReceiverKeys keys = received.remove(leaver);
            if (keys != null) {
                keys.clear();
            }
        }
        for (String joiner : joiners) {
            List<MediaKey> held = pending.remove(joiner);
            if (held != null) {
                for (MediaKey key : held) {
                    file(joiner, key);
                }
            }
        }
        if (!started) {
            started = true;
            distribute(senderKeys.start(new ArrayList<>(now.keySet())), "start", 0);
        } else if (!leavers.isEmpty()) {
            distribute(senderKeys.left(new ArrayList<>(now.keySet())), leavers.size() + " left", ROTATION_GRACE_MS);
        } else if (!joiners.isEmpty()) {
            // The ratcheted key goes to the joiners; those already here derive it, except devices
            // that cannot (Element Call's): they get it too, and a moment to file it before use.
            List<String> recipients = new ArrayList<>(joiners);
            for (Participant p : now.values()) {
                if (!joiners.contains(p.key()) && !p.readsSframe()) {
                    recipients.add(p.key());
                }
            }
            boolean everyoneDerives = recipients.size() == joiners.size();
            SenderKeys.Plan plan = senderKeys.joined(recipients);
            if (everyoneDerives) {
                // Used at once, not once sent: those already here derive it, and a joiner's
                // frame worker holds the frames that come before the key (MediaEncryption), so
                // the first key frame a joiner gets is under the key it is about to get.
                activate(plan);
            }
            distribute(plan, joiners.size() + " joined", everyoneDerives ? 0 : ROTATION_GRACE_MS);
        }
        listener.run();
    }

    /** A to-device message from the host; keys for this room are filed or held back. */
    public void received(JsonObject message) {
        EncryptionKeysMessage.Parsed parsed = EncryptionKeysMessage.parse(message, roomId);
        if (parsed.rejection() != null) {
            log.warn("keys: ignored a key message: " + parsed.rejection());
            return;
        }
        EncryptionKeysMessage.Received r = parsed.received();
        String key = r.userId() + "|" + r.deviceId();
        if (r.userId().equals(userId) && r.deviceId().equals(deviceId)) {
            log.warn("keys: ignored a key claiming this very device");
            return;
        }
        if (others.containsKey(key)) {
            file(key, r.key());
            listener.run();
            return;
        }
        if (!pending.containsKey(key) && pending.size() >= MAX_PENDING_DEVICES) {
            log.warn("keys: too many devices without membership; dropped index " + r.key().index());
            return;
        }
        List<MediaKey> held = pending.computeIfAbsent(key, k -> new ArrayList<>());
        if (held.size() == MAX_PENDING_PER_DEVICE) {
            held.remove(0).destroy();
        }
        held.add(r.key());
        log.info("keys: held back index " + r.key().index() + " from " + r.userId() + " until its membership");
    }

    /** Leaves the call: forgets every key. */
    public void stop() {
        for (ReceiverKeys keys : received.values()) {
            keys.clear();
        }
        received.clear();
        for (List<MediaKey> held : pending.values()) {
            held.forEach(MediaKey::destroy);
        }
        pending.clear();
        others.clear();
        started = false;
        listener.run();
    }

    /** The key this device protects media with now, or null before the first one is sent. */
    public MediaKey sendKey() {
        return senderKeys.active();
    }

    /** The keys received from participant {@code key} ({@code user|device}), or null. */
    public ReceiverKeys keysOf(String participantKey) {
        return received.get(participantKey);
    }

    /** The newest index received from each participant that sent one, for the UI. */
    public Map<String, Integer> newestIndexes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, ReceiverKeys> e : received.entrySet()) {
            int[] indexes = e.getValue().indexes();
            if (indexes.length > 0) {
                out.put(e.getKey(), indexes[indexes.length - 1]);
            }
        }
        return out;
    }

    private void file(String participantKey, MediaKey key) {
        received.computeIfAbsent(participantKey, k -> new ReceiverKeys()).put(key);
        log.info("keys: index " + key.index() + " from " + participantKey);
    }

    private void distribute(SenderKeys.Plan plan, String why, double grace) {
        log.info("keys: index " + plan.key().index() + " for " + plan.recipients().size() + " devices (" + why + ")");
        if (plan.recipients().isEmpty()) {
            activate(plan);
            return;
        }
        JsonObject messages = new JsonObject();
        for (String recipient : plan.recipients()) {
            Participant p = others.get(recipient);
            if (p == null) {
                continue;
            }
            JsonObject perUser = messages.getObject(p.userId());
            if (perUser == null) {
                perUser = new JsonObject();
                messages.put(p.userId(), perUser);
            }
            perUser.put(p.deviceId(), EncryptionKeysMessage.content(roomId, userId, deviceId, plan.key(), clock.nowMillis()));
        }
        send(plan, messages, 0, grace);
    }

    private void send(SenderKeys.Plan plan, JsonObject messages, int attempt, double grace) {
        actions.sendToDevice(EncryptionKeysMessage.TYPE, true, messages, new RoomActions.Callback() {
            @Override
            public void done(JsonObject response) {
                if (grace > 0) {
                    scheduler.schedule(grace, () -> activate(plan));
                } else {
                    activate(plan);
                }
            }

            @Override
            public void failed(String reason) {
                log.warn("keys: sending index " + plan.key().index() + " failed (" + reason + ")");
                if (attempt < 5 && plan.key() == senderKeys.latest()) {
                    scheduler.schedule(RETRY_MS, () -> send(plan, messages, attempt + 1, grace));
                }
            }
        });
    }

    private void activate(SenderKeys.Plan plan) {
        if (plan.key() == senderKeys.latest() || senderKeys.active() == null) {
            senderKeys.activate(plan.key());
            log.info("keys: now sending with index " + plan.key().index());
            listener.run();
        }
    }
}
