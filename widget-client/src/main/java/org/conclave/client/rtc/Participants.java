package org.conclave.client.rtc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;

/**
 * Derives who is in the call from room state, exactly as protocol.md §4 says: valid memberships
 * with {@code call_id ""}, not expired, whose sender's {@code m.room.member} is {@code join}; one
 * per (user, device), the oldest; ordered oldest first. Refused events are logged with a reason
 * once per distinct event, never with their content.
 */
public final class Participants {
    private final Log log;
    private final Map<String, String> loggedRejections = new LinkedHashMap<>();

    public Participants(Log log) {
        this.log = log;
    }

    /** Whether state events of {@code type} can change who is in the call. */
    public static boolean concerns(String type) {
        return CallMembership.EVENT_TYPE.equals(type) || "m.room.member".equals(type);
    }

    /** The participants of the room call at time {@code now} (milliseconds since the epoch). */
    public List<Participant> derive(RoomState state, double now) {
        Map<String, CallMembership> byDevice = new LinkedHashMap<>();
        for (JsonObject event : state.ofType(CallMembership.EVENT_TYPE)) {
            CallMembership.Parsed parsed = CallMembership.parse(event);
            if (parsed.rejection() != null) {
                logOnce(event, parsed.rejection());
                continue;
            }
            CallMembership m = parsed.membership();
            if (m == null || !m.callId().isEmpty() || !"m.call".equals(m.application())
                    || !"m.room".equals(m.scope()) || m.isExpired(now) || !joined(state, m.userId())) {
                continue;
            }
            String key = Participant.key(m.userId(), m.deviceId());
            CallMembership other = byDevice.get(key);
            if (other == null || m.createdTs() < other.createdTs()) {
                byDevice.put(key, m);
            }
        }
        List<CallMembership> ordered = new ArrayList<>(byDevice.values());
        Collections.sort(ordered, (a, b) -> a.createdTs() != b.createdTs()
                ? Double.compare(a.createdTs(), b.createdTs()) : a.stateKey().compareTo(b.stateKey()));
        List<Participant> participants = new ArrayList<>(ordered.size());
        for (CallMembership m : ordered) {
            participants.add(new Participant(m));
        }
        return participants;
    }

    /** The earliest moment a current membership expires, or +∞; when to derive again. */
    public double nextExpiry(RoomState state, double now) {
        double next = Double.POSITIVE_INFINITY;
        for (JsonObject event : state.ofType(CallMembership.EVENT_TYPE)) {
            CallMembership m = CallMembership.parse(event).membership();
            if (m != null && !m.isExpired(now)) {
                next = Math.min(next, m.expiresAt());
            }
        }
        return next;
    }

    private static boolean joined(RoomState state, String userId) {
        JsonObject member = state.get("m.room.member", userId);
        JsonObject content = member == null ? null : member.getObject("content");
        return content != null && "join".equals(content.getString("membership"));
    }

    private void logOnce(JsonObject event, String reason) {
        String id = event.getString("event_id");
        String key = (id != null ? id : String.valueOf(event.getString("state_key"))) + " " + reason;
        if (!loggedRejections.containsKey(key)) {
            if (loggedRejections.size() > 256) {
                loggedRejections.clear();
            }
            loggedRejections.put(key, reason);
            log.warn("call membership ignored (" + (id != null ? id : "no event id") + "): " + reason);
        }
    }
}
