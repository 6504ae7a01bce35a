package org.conclave.client.widgetapi;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and reads capability strings (protocol.md §3):
 * {@code org.matrix.msc2762.{send|receive}.{event|state_event}:<type>[#<state_key>]} and
 * {@code org.matrix.msc3819.{send|receive}.to_device:<type>}; a {@code #} inside a type is
 * escaped as {@code \#}.
 */
public final class Capability {
    private Capability() {}

    public static final String ALWAYS_ON_SCREEN = "m.always_on_screen";
    public static final String TURN_SERVERS = "town.robin.msc3846.turn_servers";
    /** The homeserver's RTC transports (SFUs), MSC4515. */
    public static final String RTC_TRANSPORTS = "org.matrix.msc4515.rtc_transports";
    public static final String SEND_DELAYED_EVENT = "org.matrix.msc4157.send.delayed_event";
    public static final String UPDATE_DELAYED_EVENT = "org.matrix.msc4157.update_delayed_event";
    /** MSC4039: downloading media (members' avatars) through the host. */
    public static final String DOWNLOAD_FILE = "org.matrix.msc4039.download_file";
    private static final String TIMELINE = "org.matrix.msc2762.timeline:";
    private static final String EVENT_PREFIX = "org.matrix.msc2762.";
    private static final String TO_DEVICE_PREFIX = "org.matrix.msc3819.";

    /** Which way an event capability goes. */
    public enum Direction {
        SEND("send"),
        RECEIVE("receive");

        final String wire;

        Direction(String wire) {
            this.wire = wire;
        }
    }

    /** Reading the timeline (and state) of {@code roomId}. */
    public static String timeline(String roomId) {
        return TIMELINE + roomId;
    }

    /** Sending or receiving room (non-state) events of {@code type}. */
    public static String roomEvent(Direction direction, String type) {
        return EVENT_PREFIX + direction.wire + ".event:" + escapeType(type);
    }

    /** Sending or receiving state events of {@code type}; {@code stateKey} null means any key. */
    public static String stateEvent(Direction direction, String type, String stateKey) {
        String base = EVENT_PREFIX + direction.wire + ".state_event:" + escapeType(type);
        return stateKey == null ? base : base + "#" + stateKey;
    }

    /** Sending or receiving to-device messages of {@code type}. */
    public static String toDevice(Direction direction, String type) {
        return TO_DEVICE_PREFIX + direction.wire + ".to_device:" + type;
    }

    private static String escapeType(String type) {
        return type.replace("#", "\\#");
    }

    /**
     * The state event type a receive-state capability grants, or {@code null} if {@code capability}
     * is not one. Used to tell what the host approved.
     */
    public static String receivedStateType(String capability) {
        String prefix = EVENT_PREFIX + Direction.RECEIVE.wire + ".state_event:";
        if (!capability.startsWith(prefix)) {
            return null;
        }
        String rest = capability.substring(prefix.length());
        StringBuilder type = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' && i + 1 < rest.length() && rest.charAt(i + 1) == '#') {
                type.append('#');
                i++;
            } else if (c == '#') {
                break;
            } else {
                type.append(c);
            }
        }
        return type.toString();
    }

    /** Splits a list, e.g. from {@code notify_capabilities}, keeping only strings. */
    public static List<String> strings(org.conclave.client.util.JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (org.conclave.client.util.JsonValue v : array.items()) {
                if (v.asString() != null) {
                    out.add(v.asString());
                }
            }
        }
        return out;
    }
}
