package org.conclave.client.rtc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.widgetapi.CallWidgetCapabilities;

/**
 * One MatrixRTC call membership: an {@code org.matrix.msc3401.call.member} state event in Element
 * Call's "compatibility" form (protocol.md §4). {@link #parse} validates exactly as Element Call
 * does and adds what a hostile room needs: the state key must belong to the sender and the device
 * the content names, and strings and lists have sane sizes. Content {@code {}} is a leave.
 */
public final class CallMembership {
    public static final String EVENT_TYPE = CallWidgetCapabilities.CALL_MEMBER;
    /** Element Call's default lifetime of a membership without {@code expires}: 4 hours. */
    public static final double DEFAULT_EXPIRES_MS = 4 * 60 * 60 * 1000;
    /**
     * The transport {@code type} Conclave advertises for full-mesh (peer-to-peer) calls in
     * {@code focus_active} and {@code foci_preferred[0]}. Element Call ignores transports it does not
     * know; Conclave treats members whose active focus is this type as mesh peers.
     */
    public static final String MESH_TRANSPORT = "org.conclave.mesh";
    /** The LiveKit SFU transport of Element Call. */
    public static final String LIVEKIT_TRANSPORT = "livekit";

    /** Conclave's own membership field: the frame formats the device reads and writes. */
    public static final String FRAME_FORMATS = "org.conclave.frame_formats";
    /** RFC 9605 SFrame, with Conclave's key ratchet (docs/keys.md). */
    public static final String SFRAME = "sframe";
    /** LiveKit focus selection: each member publishes to its own {@code foci_preferred[0]}. */
    public static final String MULTI_SFU = "multi_sfu";
    /** LiveKit focus selection: every member publishes to the oldest member's {@code foci_preferred[0]}. */
    public static final String OLDEST_MEMBERSHIP = "oldest_membership";

    /** LiveKit's frame format, Element Call's (protocol.md §8). */
    public static final String LIVEKIT_FRAMES = "livekit";
    static final int MAX_STRING = 512;
    static final int MAX_FOCI = 16;

    private final String userId;
    private final String deviceId;
    private final String stateKey;
    private final String callId;
    private final String application;
    private final String scope;
    private final String focusType;
    private final String focusSelection;
    private final List<String> preferredFocusTypes;
    private final String livekitServiceUrl;
    private final List<String> frameFormats;
    private final double createdTs;
    private final double expires;

    private CallMembership(String userId, String deviceId, String stateKey, String callId, String application,
            String scope, String focusType, String focusSelection, List<String> preferredFocusTypes,
            String livekitServiceUrl, List<String> frameFormats, double createdTs, double expires) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.stateKey = stateKey;
        this.callId = callId;
        this.application = application;
        this.scope = scope;
        this.focusType = focusType;
        this.focusSelection = focusSelection;
        this.preferredFocusTypes = preferredFocusTypes;
        this.livekitServiceUrl = livekitServiceUrl;
        this.frameFormats = frameFormats;
        this.createdTs = createdTs;
        this.expires = expires;
    }

    /** The outcome of parsing one state event. */
    public static final class Parsed {
        private final CallMembership membership;
        private final boolean left;
        private final String rejection;

        private Parsed(CallMembership membership, boolean left, String rejection) {
            this.membership = membership;
            this.left = left;
            this.rejection = rejection;
        }

        /** The membership, when the event held a valid one. */
        public CallMembership membership() {
            return membership;
        }

        /** True for content {@code {}} from the state key's owner: that device left. */
        public boolean left() {
            return left;
        }

        /** Why the event was refused, for the log (no content quoted), or null. */
        public String rejection() {
            return rejection;
        }
    }

    /** Parses and validates a state event as protocol.md §4 defines it. Never throws. */
    public static Parsed parse(JsonObject event) {
        if (!EVENT_TYPE.equals(event.getString("type"))) {
            return reject("not a call membership event");
        }
        String sender = event.getString("sender");
        String stateKey = event.getString("state_key");
        JsonObject content = event.getObject("content");
        double originTs = event.getNumber("origin_server_ts", Double.NaN);
        if (sender == null || stateKey == null || content == null || Double.isNaN(originTs)) {
            return reject("missing sender, state_key, content or origin_server_ts");
        }
        if (sender.length() > MAX_STRING || stateKey.length() > 2 * MAX_STRING) {
            return reject("oversized sender or state key");
        }
        if (content.size() == 0) {
            return ownedByUser(stateKey, sender) ? new Parsed(null, true, null) : reject("leave for another user");
        }
        String application = boundedString(content, "application");
        String callId = boundedString(content, "call_id");
        String deviceId = boundedString(content, "device_id");
        String scope = boundedString(content, "scope");
        if (application == null || callId == null || deviceId == null || scope == null) {
            return reject("application, call_id, device_id and scope must be strings of sane length");
        }
        JsonObject focusActive = content.getObject("focus_active");
        String focusType = focusActive == null ? null : boundedString(focusActive, "type");
        if (focusType == null) {
            return reject("focus_active must be an object with a string type");
        }
        String focusSelection = boundedString(focusActive, "focus_selection");
        List<String> preferred = new ArrayList<>();
        String livekitServiceUrl = null;
        if (content.has("foci_preferred")) {
            JsonArray foci = content.getArray("foci_preferred");
            if (foci == null || foci.size() > MAX_FOCI) {
                return reject("foci_preferred must be an array of at most " + MAX_FOCI + " objects");
            }
            for (JsonValue focus : foci.items()) {
                String type = focus.asObject() == null ? null : boundedString(focus.asObject(), "type");
                if (type == null) {
                    return reject("every foci_preferred entry must be an object with a string type");
                }
                preferred.add(type);
                if (livekitServiceUrl == null && LIVEKIT_TRANSPORT.equals(type)) {
                    livekitServiceUrl = httpUrl(boundedString(focus.asObject(), "livekit_service_url"));
                }
            }
        }
        List<String> formats = new ArrayList<>();
        if (content.has(FRAME_FORMATS)) {
            JsonArray advertised = content.getArray(FRAME_FORMATS);
            if (advertised == null || advertised.size() > MAX_FOCI) {
                return reject(FRAME_FORMATS + " must be an array of at most " + MAX_FOCI + " strings");
            }
            for (JsonValue format : advertised.items()) {
                String name = format.asString();
                if (name == null || name.length() > MAX_STRING) {
                    return reject(FRAME_FORMATS + " must hold strings of sane length");
                }
                formats.add(name);
            }
        }
        double createdTs = originTs;
        if (content.has("created_ts")) {
            createdTs = content.getNumber("created_ts", Double.NaN);
            if (Double.isNaN(createdTs)) {
                return reject("created_ts must be a number");
            }
        }
        double expires = DEFAULT_EXPIRES_MS;
        if (content.has("expires")) {
            expires = content.getNumber("expires", Double.NaN);
            if (Double.isNaN(expires) || expires < 0) {
                return reject("expires must be a non-negative number");
            }
        }
        if (!ownedByDevice(stateKey, sender, deviceId)) {
            return reject("state key does not belong to the sender's device");
        }
        return new Parsed(new CallMembership(sender, deviceId, stateKey, callId, application, scope, focusType,
                focusSelection, Collections.unmodifiableList(preferred), livekitServiceUrl, Collections.unmodifiableList(formats),
                createdTs, expires), false, null);
    }

    /**
     * The join content Conclave sends (protocol.md §4), with {@code transport} as the active and
     * preferred focus. {@code createdTs} is NaN on the first join and the first event's
     * {@code origin_server_ts} on refreshes.
     */
    public static JsonObject joinContent(String userId, String deviceId, JsonObject transport, double createdTs,
            double expires) {
        return joinContent(userId, deviceId, transport, transport, createdTs, expires);
    }

    /** As above, with {@code active} as {@code focus_active} and {@code preferred} as {@code foci_preferred[0]}. */
    public static JsonObject joinContent(String userId, String deviceId, JsonObject active, JsonObject preferred,
            double createdTs, double expires) {
        JsonObject content = new JsonObject()
                .put("application", "m.call")
                .put("call_id", "")
                .put("scope", "m.room")
                .put("device_id", deviceId)
                .put("membershipID", userId + ":" + deviceId)
                .put("expires", expires)
                .put("m.call.intent", "video")
                .put("focus_active", active)
                .put("foci_preferred", new JsonArray().add(preferred))
                .put(FRAME_FORMATS, new JsonArray().add(SFRAME).add(LIVEKIT_FRAMES));
        if (!Double.isNaN(createdTs)) {
            content.put("created_ts", createdTs);
        }
        return content;
    }

    /** The mesh transport object: {@code {"type": MESH_TRANSPORT}}. */
    public static JsonObject meshTransport() {
        return new JsonObject().put("type", MESH_TRANSPORT);
    }

    /**
     * Element Call's {@code focus_active} for LiveKit: {@code multi_sfu}, each member publishing to
     * the SFU of its own {@code foci_preferred[0]}.
     */
    public static JsonObject livekitActive() {
        return new JsonObject().put("type", LIVEKIT_TRANSPORT).put("focus_selection", MULTI_SFU);
    }

    /** A LiveKit focus for {@code foci_preferred}: the token service and the room it serves. */
    public static JsonObject livekitFocus(String serviceUrl, String roomId) {
        return new JsonObject().put("type", LIVEKIT_TRANSPORT).put("livekit_service_url", serviceUrl)
                .put("livekit_alias", roomId);
    }

    public String userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    public String stateKey() {
        return stateKey;
    }

    public String callId() {
        return callId;
    }

    public String application() {
        return application;
    }

    public String scope() {
        return scope;
    }

    /** The active focus's {@code type}: {@link #MESH_TRANSPORT}, {@link #LIVEKIT_TRANSPORT} or another. */
    public String focusType() {
        return focusType;
    }

    /**
     * {@code focus_active.focus_selection} ({@value #MULTI_SFU} or {@value #OLDEST_MEMBERSHIP} for
     * LiveKit), or null when absent or not a string.
     */
    public String focusSelection() {
        return focusSelection;
    }

    public List<String> preferredFocusTypes() {
        return preferredFocusTypes;
    }

    /** The {@code livekit_service_url} of the first LiveKit focus in {@code foci_preferred} (http(s) only), or null. */
    /**
     * The frame formats the device reads and writes ({@value #FRAME_FORMATS}): Conclave's say
     * {@value #SFRAME} and {@value #LIVEKIT_FRAMES}; a membership without the field (Element
     * Call's) reads LiveKit's format only.
     */
    public List<String> frameFormats() {
        return frameFormats;
    }

    public String livekitServiceUrl() {
        return livekitServiceUrl;
    }

    /** {@code created_ts}, or the event's {@code origin_server_ts} when absent. */
    public double createdTs() {
        return createdTs;
    }

    /** When the membership stops counting: {@code createdTs + expires}. */
    public double expiresAt() {
        return createdTs + expires;
    }

    public boolean isExpired(double now) {
        return expiresAt() <= now;
    }

    /** The state key forms a user may send (protocol.md §3): {@code U}, {@code _U_D}, {@code _U_D_m.call}, {@code U_D}, {@code U_D_m.call}. */
    static boolean ownedByDevice(String stateKey, String userId, String deviceId) {
        return stateKey.equals(userId)
                || stateKey.equals("_" + userId + "_" + deviceId)
                || stateKey.equals("_" + userId + "_" + deviceId + "_m.call")
                || stateKey.equals(userId + "_" + deviceId)
                || stateKey.equals(userId + "_" + deviceId + "_m.call");
    }

    private static boolean ownedByUser(String stateKey, String userId) {
        return stateKey.equals(userId) || stateKey.startsWith("_" + userId + "_") || stateKey.startsWith(userId + "_");
    }

    private static String boundedString(JsonObject object, String name) {
        String value = object.getString(name);
        return value != null && value.length() <= MAX_STRING ? value : null;
    }

    /** {@code url} when it is an absolute http(s) URL, else null. */
    private static String httpUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static Parsed reject(String reason) {
        return new Parsed(null, false, reason);
    }

    @Override
    public String toString() {
        return "CallMembership[" + userId + " " + deviceId + ", focus " + focusType + "]";
    }
}
