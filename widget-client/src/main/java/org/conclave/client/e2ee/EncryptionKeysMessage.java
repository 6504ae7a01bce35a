package org.conclave.client.e2ee;

import org.conclave.client.util.Base64;
import org.conclave.client.util.JsonObject;
import org.conclave.client.widgetapi.CallWidgetCapabilities;

/**
 * The {@code io.element.call.encryption_keys} to-device message (protocol.md §5), both ways.
 * {@link #parse} accepts a key only for this room, with a numeric index in 0–255, a base64 key of
 * sane length and a claimed device; the key belongs to (to-device {@code sender}, claimed device).
 * The caller still checks that the device is a current participant (and holds the key back if not
 * yet). Rejections carry a reason and never the key.
 */
public final class EncryptionKeysMessage {
    public static final String TYPE = CallWidgetCapabilities.ENCRYPTION_KEYS;
    private static final int MAX_ID = 512;

    private EncryptionKeysMessage() {}

    /** A key someone sent us. */
    public static final class Received {
        private final String userId;
        private final String deviceId;
        private final MediaKey key;
        private final double sentTs;

        Received(String userId, String deviceId, MediaKey key, double sentTs) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.key = key;
            this.sentTs = sentTs;
        }

        public String userId() {
            return userId;
        }

        public String deviceId() {
            return deviceId;
        }

        public MediaKey key() {
            return key;
        }

        /** {@code sent_ts}, or NaN when absent. */
        public double sentTs() {
            return sentTs;
        }

        @Override
        public String toString() {
            return "Received[" + userId + " " + deviceId + " index " + key.index() + "]";
        }
    }

    /** A parse result: {@link #received()} or a {@link #rejection()}. */
    public static final class Parsed {
        private final Received received;
        private final String rejection;

        private Parsed(Received received, String rejection) {
            this.received = received;
            this.rejection = rejection;
        }

        public Received received() {
            return received;
        }

        public String rejection() {
            return rejection;
        }
    }

    /**
     * Parses a to-device message as the widget API delivers it ({@code type}, {@code sender},
     * {@code content}) for {@code roomId}. Never throws.
     */
    public static Parsed parse(JsonObject message, String roomId) {
        if (!TYPE.equals(message.getString("type"))) {
            return reject("not an encryption keys message");
        }
        String sender = message.getString("sender");
        JsonObject content = message.getObject("content");
        if (sender == null || sender.length() > MAX_ID || content == null) {
            return reject("missing sender or content");
        }
        if (!roomId.equals(content.getString("room_id"))) {
            return reject("keys for another room");
        }
        JsonObject member = content.getObject("member");
        String deviceId = member == null ? null : member.getString("claimed_device_id");
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > MAX_ID) {
            return reject("no claimed_device_id");
        }
        JsonObject keys = content.getObject("keys");
        if (keys == null) {
            return reject("keys must be an object");
        }
        double index = keys.getNumber("index", Double.NaN);
        if (Double.isNaN(index) || index != Math.floor(index) || index < 0 || index > 255) {
            return reject("keys.index must be an integer in 0..255");
        }
        String encoded = keys.getString("key");
        if (encoded == null || encoded.length() > 4 * MediaKey.MAX_LENGTH) {
            return reject("keys.key must be a base64 string");
        }
        byte[] bytes;
        try {
            bytes = Base64.decode(encoded);
        } catch (IllegalArgumentException e) {
            return reject("keys.key is not base64");
        }
        if (bytes.length < MediaKey.MIN_LENGTH || bytes.length > MediaKey.MAX_LENGTH) {
            return reject("key of " + bytes.length + " bytes");
        }
        MediaKey key = new MediaKey((int) index, bytes);
        java.util.Arrays.fill(bytes, (byte) 0);
        return new Parsed(new Received(sender, deviceId, key, content.getNumber("sent_ts", Double.NaN)), null);
    }

    /** The content Conclave sends for {@code key}, from {@code (userId, deviceId)} in {@code roomId}. */
    public static JsonObject content(String roomId, String userId, String deviceId, MediaKey key, double now) {
        byte[] bytes = key.bytes();
        JsonObject content = new JsonObject()
                .put("keys", new JsonObject().put("index", key.index()).put("key", Base64.encode(bytes)))
                .put("room_id", roomId)
                .put("member", new JsonObject().put("claimed_device_id", deviceId).put("id", userId + ":" + deviceId))
                .put("session", new JsonObject().put("call_id", "").put("application", "m.call").put("scope", "m.room"))
                .put("sent_ts", now);
        java.util.Arrays.fill(bytes, (byte) 0);
        return content;
    }

    private static Parsed reject(String reason) {
        return new Parsed(null, reason);
    }
}
