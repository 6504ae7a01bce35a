package org.conclave.client.mesh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;

/**
 * One {@code m.call.*} to-device signalling event of the mesh (MSC2746 with the group-call fields;
 * docs/keys.md "Mesh signalling"), both ways. {@link #parse} is strict: every field the mesh relies
 * on must be there with its type and within its size, or the event is rejected with a reason
 * (never its SDP or candidates, which reveal addresses).
 */
public final class CallSignal {
    public static final String INVITE = "m.call.invite";
    public static final String ANSWER = "m.call.answer";
    public static final String CANDIDATES = "m.call.candidates";
    public static final String SELECT_ANSWER = "m.call.select_answer";
    public static final String NEGOTIATE = "m.call.negotiate";
    public static final String HANGUP = "m.call.hangup";
    public static final String METADATA_CHANGED = "m.call.sdp_stream_metadata_changed";
    public static final String VERSION = "1";
    /** How long an invite or negotiation offer is good for (MSC2746 {@code lifetime}). */
    public static final double LIFETIME_MS = 60_000;

    static final int MAX_ID = 255;
    static final int MAX_SDP = 128 * 1024;
    static final int MAX_CANDIDATES = 64;
    static final int MAX_CANDIDATE = 1024;
    static final int MAX_STREAMS = 8;

    private final String type;
    private final String senderUser;
    private final JsonObject content;
    private final String descriptionType;
    private final String sdp;
    private final List<JsonObject> candidates;
    private final StreamMetadata metadata;

    private CallSignal(String type, String senderUser, JsonObject content, String descriptionType, String sdp,
            List<JsonObject> candidates, StreamMetadata metadata) {
        this.type = type;
        this.senderUser = senderUser;
        this.content = content;
        this.descriptionType = descriptionType;
        this.sdp = sdp;
        this.candidates = candidates;
        this.metadata = metadata;
    }

    /** A parse result: {@link #signal()} or a {@link #rejection()}. */
    public static final class Parsed {
        private final CallSignal signal;
        private final String rejection;

        private Parsed(CallSignal signal, String rejection) {
            this.signal = signal;
            this.rejection = rejection;
        }

        public CallSignal signal() {
            return signal;
        }

        public String rejection() {
            return rejection;
        }
    }

    /** Whether {@code type} is one of the mesh's signalling types. */
    public static boolean isSignal(String type) {
        return INVITE.equals(type) || ANSWER.equals(type) || CANDIDATES.equals(type) || SELECT_ANSWER.equals(type)
                || NEGOTIATE.equals(type) || HANGUP.equals(type) || METADATA_CHANGED.equals(type);
    }

    /**
     * Parses a to-device message as the widget API delivers it ({@code type}, {@code sender},
     * {@code content}) for the call {@code confId}. Never throws.
     */
    public static Parsed parse(JsonObject message, String confId) {
        String type = message.getString("type");
        if (!isSignal(type)) {
            return reject("not a call signal");
        }
        String sender = message.getString("sender");
        JsonObject content = message.getObject("content");
        if (sender == null || sender.isEmpty() || content == null) {
            return reject(type + " without sender or content");
        }
        for (String field : new String[] {"call_id", "party_id", "device_id", "sender_session_id"}) {
            String value = content.getString(field);
            if (value == null || value.isEmpty() || value.length() > MAX_ID) {
                return reject(type + " without a valid " + field);
            }
        }
        String dest = content.getString("dest_session_id");
        if (dest == null || dest.length() > MAX_ID) {
            return reject(type + " without a valid dest_session_id");
        }
        if (!confId.equals(content.getString("conf_id"))) {
            return reject(type + " for another call");
        }
        JsonValue version = content.get("version");
        if (version == null || !(VERSION.equals(version.asString()) || version.asDouble() == 1)) {
            return reject(type + " of an unknown version");
        }
        StreamMetadata metadata = null;
        if (content.has("sdp_stream_metadata")) {
            metadata = StreamMetadata.parse(content.getObject("sdp_stream_metadata"));
            if (metadata == null) {
                return reject(type + " with malformed sdp_stream_metadata");
            }
        }
        switch (type) {
            case INVITE:
                return description(type, sender, content, content.getObject("offer"), "offer", metadata);
            case ANSWER:
                return description(type, sender, content, content.getObject("answer"), "answer", metadata);
            case NEGOTIATE:
                return description(type, sender, content, content.getObject("description"), null, metadata);
            case CANDIDATES:
                return candidates(sender, content);
            case SELECT_ANSWER: {
                String selected = content.getString("selected_party_id");
                if (selected == null || selected.isEmpty() || selected.length() > MAX_ID) {
                    return reject(type + " without selected_party_id");
                }
                return ok(new CallSignal(type, sender, content, null, null, Collections.emptyList(), null));
            }
            case METADATA_CHANGED:
                if (metadata == null) {
                    return reject(type + " without sdp_stream_metadata");
                }
                return ok(new CallSignal(type, sender, content, null, null, Collections.emptyList(), metadata));
            default: // HANGUP
                return ok(new CallSignal(type, sender, content, null, null, Collections.emptyList(), null));
        }
    }

    private static Parsed description(String type, String sender, JsonObject content, JsonObject description,
            String expectedType, StreamMetadata metadata) {
        if (description == null) {
            return reject(type + " without a session description");
        }
        String descriptionType = description.getString("type");
        String sdp = description.getString("sdp");
        boolean typeOk = expectedType == null
                ? "offer".equals(descriptionType) || "answer".equals(descriptionType)
                : expectedType.equals(descriptionType);
        if (!typeOk) {
            return reject(type + " with a description of type " + (descriptionType == null ? "none" : "other"));
        }
        if (sdp == null || sdp.isEmpty() || sdp.length() > MAX_SDP) {
            return reject(type + " without a usable sdp");
        }
        return ok(new CallSignal(type, sender, content, descriptionType, sdp, Collections.emptyList(), metadata));
    }

    private static Parsed candidates(String sender, JsonObject content) {
        JsonArray array = content.getArray("candidates");
        if (array == null || array.size() == 0 || array.size() > MAX_CANDIDATES) {
            return reject(CANDIDATES + " without 1–" + MAX_CANDIDATES + " candidates");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue item : array.items()) {
            JsonObject c = item.asObject();
            String candidate = c == null ? null : c.getString("candidate");
            if (candidate == null || candidate.length() > MAX_CANDIDATE) {
                return reject(CANDIDATES + " with a malformed candidate");
            }
            JsonValue mid = c.get("sdpMid");
            JsonValue line = c.get("sdpMLineIndex");
            boolean midOk = mid != null && (mid.isNull() || (mid.asString() != null && mid.asString().length() <= MAX_ID));
            boolean lineOk = line != null && (line.isNull() || isSmallIndex(line.asDouble()));
            if (!midOk && !lineOk) {
                return reject(CANDIDATES + " with a candidate for no media line");
            }
            JsonObject clean = new JsonObject().put("candidate", candidate);
            clean.put("sdpMid", midOk && !mid.isNull() ? JsonValue.of(mid.asString()) : JsonValue.ofNull());
            clean.put("sdpMLineIndex", lineOk && !line.isNull() ? JsonValue.of(line.asDouble()) : JsonValue.ofNull());
            out.add(clean);
        }
        return ok(new CallSignal(CANDIDATES, sender, content, null, null, out, null));
    }

    private static boolean isSmallIndex(double value) {
        return value >= 0 && value < 1024 && value == Math.floor(value);
    }

    private static Parsed ok(CallSignal signal) {
        return new Parsed(signal, null);
    }

    private static Parsed reject(String why) {
        return new Parsed(null, why);
    }

    /** The fields every event of this device carries. */
    static JsonObject common(String callId, String deviceId, String confId, String session, String destSession) {
        return new JsonObject()
                .put("call_id", callId)
                .put("party_id", deviceId)
                .put("version", VERSION)
                .put("conf_id", confId)
                .put("device_id", deviceId)
                .put("sender_session_id", session)
                .put("dest_session_id", destSession == null ? "" : destSession);
    }

    static JsonObject sessionDescription(String type, String sdp) {
        return new JsonObject().put("type", type).put("sdp", sdp);
    }

    public String type() {
        return type;
    }

    /** The to-device {@code sender}: the user the host vouches for. */
    public String senderUser() {
        return senderUser;
    }

    /** The device the sender claims ({@code device_id}). */
    public String deviceId() {
        return content.getString("device_id");
    }

    /** {@code user|device}, the participant key. */
    public String participantKey() {
        return senderUser + "|" + deviceId();
    }

    public String callId() {
        return content.getString("call_id");
    }

    public String partyId() {
        return content.getString("party_id");
    }

    public String senderSession() {
        return content.getString("sender_session_id");
    }

    public String destSession() {
        return content.getString("dest_session_id");
    }

    public String selectedPartyId() {
        return content.getString("selected_party_id");
    }

    /** The description's type ({@code offer}/{@code answer}) for invite, answer and negotiate. */
    public String descriptionType() {
        return descriptionType;
    }

    public String sdp() {
        return sdp;
    }

    /** Cleaned candidates ({@code candidate}, {@code sdpMid}, {@code sdpMLineIndex}). */
    public List<JsonObject> candidates() {
        return candidates;
    }

    /** The sender's streams, or null when the event carries none. */
    public StreamMetadata metadata() {
        return metadata;
    }

    /** {@code reason} of a hangup, or null. */
    public String reason() {
        String reason = content.getString("reason");
        return reason == null || reason.length() > MAX_ID ? null : reason;
    }

    @Override
    public String toString() {
        return "CallSignal[" + type + " from " + participantKey() + " call " + callId() + "]";
    }
}
