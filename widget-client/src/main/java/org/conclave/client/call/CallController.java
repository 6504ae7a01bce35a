package org.conclave.client.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.rtc.MembershipManager;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.util.Clock;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;

/**
 * Joins and leaves the call and keeps {@link CallState} in step: membership through
 * {@link MembershipManager}, who is in the call through {@link Participants} (again whenever room
 * state changes or a membership expires), and media keys through {@link KeyManager}.
 */
public final class CallController {
    /** Tells the host what the call did (Element Web's {@code io.element.join}/{@code im.vector.hangup}). */
    public interface HostNotifier {
        void joined();

        void hungUp();
    }

    private final CallState state;
    private final RoomState room;
    private final MembershipManager membership;
    private final KeyManager keys;
    private final Participants participants;
    private final Scheduler scheduler;
    private final Clock clock;
    private final HostNotifier host;
    private final Log log;
    private Scheduler.Cancellable expiryTimer;
    private List<Participant> current = new ArrayList<>();

    public CallController(CallState state, RoomState room, MembershipManager membership, KeyManager keys,
            Participants participants, Scheduler scheduler, Clock clock, HostNotifier host, Log log) {
        this.state = state;
        this.room = room;
        this.membership = membership;
        this.keys = keys;
        this.participants = participants;
        this.scheduler = scheduler;
        this.clock = clock;
        this.host = host;
        this.log = log;
        room.addListener((type, stateKey, event) -> refresh());
        keys.onChange(this::render);
        membership.onStatusChange(this::membershipChanged);
    }

    /** Joins the call (the Join button, or the host's {@code io.element.join}). */
    public void join() {
        if (state.presence() == CallState.Presence.OUT) {
            membership.join();
        }
    }

    /** Leaves the call (the Leave button, or the host's {@code im.vector.hangup}). */
    public void hangUp() {
        if (state.presence() == CallState.Presence.OUT) {
            return;
        }
        membership.leave(() -> {
            keys.stop();
            host.hungUp();
            refresh();
        });
    }

    /** A to-device message from the host. */
    public void toDevice(JsonObject message) {
        if (state.presence() == CallState.Presence.IN || state.presence() == CallState.Presence.JOINING) {
            keys.received(message);
        }
    }

    private void membershipChanged() {
        CallState.Presence before = state.presence();
        switch (membership.status()) {
            case JOINING -> state.setPresence(CallState.Presence.JOINING);
            case JOINED -> state.setPresence(CallState.Presence.IN);
            case LEAVING -> state.setPresence(CallState.Presence.LEAVING);
            default -> state.setPresence(CallState.Presence.OUT);
        }
        if (before != CallState.Presence.IN && state.presence() == CallState.Presence.IN) {
            host.joined();
        }
        refresh();
    }

    private void refresh() {
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
        double now = clock.nowMillis();
        if (state.presence() != CallState.Presence.IN) {
            current = state.presence() == CallState.Presence.LEAVING ? participants.derive(room, now) : new ArrayList<>();
            render();
            return;
        }
        current = participants.derive(room, now);
        keys.participantsChanged(current); // calls render() through the key listener
        double next = participants.nextExpiry(room, now);
        if (next != Double.POSITIVE_INFINITY) {
            expiryTimer = scheduler.schedule(Math.max(0, next - now) + 1, this::refresh);
        }
    }

    private void render() {
        List<CallState.Row> rows = new ArrayList<>();
        MediaKey sending = keys.sendKey();
        int sendIndex = sending == null ? -1 : sending.index();
        if (state.presence() == CallState.Presence.IN || state.presence() == CallState.Presence.LEAVING) {
            Map<String, Integer> indexes = keys.newestIndexes();
            for (Participant p : current) {
                boolean self = p.userId().equals(state.userId()) && p.deviceId().equals(state.deviceId());
                Integer index = self ? Integer.valueOf(sendIndex) : indexes.get(p.key());
                rows.add(new CallState.Row(p.userId(), p.deviceId(), self, index == null ? -1 : index));
            }
        }
        state.setParticipants(rows, sendIndex);
        log.debug("call: " + rows.size() + " participants, sending with index " + sendIndex);
    }
}
