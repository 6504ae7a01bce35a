package org.conclave.client.widgetapi;

import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities Conclave asks for: only ones Element Web grants its call widget without a
 * prompt (protocol.md §3), so that an admin can put Conclave in Element Call's place.
 */
public final class CallWidgetCapabilities {
    private CallWidgetCapabilities() {}

    /** State event type of MatrixRTC call memberships (protocol.md §4). */
    public static final String CALL_MEMBER = "org.matrix.msc3401.call.member";
    /** To-device type carrying media keys (protocol.md §5). */
    public static final String ENCRYPTION_KEYS = "io.element.call.encryption_keys";

    /** Room state the widget reads. */
    static final String[] RECEIVED_STATE = {
        "m.room.name", "m.room.member", "m.room.create", "m.room.encryption", CALL_MEMBER
    };

    /** To-device types the widget sends and receives: mesh signalling and media keys. */
    static final String[] TO_DEVICE = {
        "m.call.invite", "m.call.candidates", "m.call.answer", "m.call.hangup", "m.call.reject",
        "m.call.select_answer", "m.call.negotiate", "m.call.sdp_stream_metadata_changed", ENCRYPTION_KEYS
    };

    /** Room events sent and read: Element Call's raised hands, reactions and their redaction (protocol.md §9). */
    static final String[] ROOM_EVENTS = {"m.reaction", "m.room.redaction", "io.element.call.reaction"};

    /** The full request for user {@code userId} on {@code deviceId} in {@code roomId}. */
    public static List<String> request(String userId, String deviceId, String roomId) {
        List<String> caps = new ArrayList<>();
        caps.add(Capability.ALWAYS_ON_SCREEN);
        caps.add(Capability.TURN_SERVERS);
        caps.add(Capability.RTC_TRANSPORTS);
        caps.add(Capability.timeline(roomId));
        caps.add(Capability.SEND_DELAYED_EVENT);
        caps.add(Capability.UPDATE_DELAYED_EVENT);
        caps.add(Capability.DOWNLOAD_FILE);
        for (String type : RECEIVED_STATE) {
            caps.add(Capability.stateEvent(Capability.Direction.RECEIVE, type, null));
        }
        caps.add(Capability.stateEvent(Capability.Direction.SEND, CALL_MEMBER, membershipStateKey(userId, deviceId)));
        for (String type : ROOM_EVENTS) {
            caps.add(Capability.roomEvent(Capability.Direction.SEND, type));
            caps.add(Capability.roomEvent(Capability.Direction.RECEIVE, type));
        }
        for (String type : TO_DEVICE) {
            caps.add(Capability.toDevice(Capability.Direction.SEND, type));
            caps.add(Capability.toDevice(Capability.Direction.RECEIVE, type));
        }
        return caps;
    }

    /** The membership state key Element Call uses: {@code _{userId}_{deviceId}_m.call}. */
    public static String membershipStateKey(String userId, String deviceId) {
        return "_" + userId + "_" + deviceId + "_m.call";
    }
}
