package org.conclave.server.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * LiveKit room and participant names derived from Matrix ids exactly as lk-jwt-service derives them
 * (protocol.md §7), so that Conclave and Element Call land in the same LiveKit room:
 * unpadded base64 of SHA-256 of the ids as a JSON array, written the way Go's
 * {@code json.Marshal} writes it.
 */
public final class LiveKitNames {
    /** The MatrixRTC slot of a room's call. */
    public static final String ROOM_SLOT = "m.call#ROOM";

    private LiveKitNames() {}

    /** The LiveKit room of the MatrixRTC slot {@code slotId} of {@code roomId}. */
    public static String room(String roomId, String slotId) {
        return hash(roomId, slotId);
    }

    /** The identity of a member in {@code /get_token}: {@code [userId, deviceId, memberId]}. */
    public static String identity(String userId, String deviceId, String memberId) {
        return hash(userId, deviceId, memberId);
    }

    /** The identity in the legacy {@code /sfu/get}: {@code userId:deviceId}. */
    public static String legacyIdentity(String userId, String deviceId) {
        return userId + ":" + deviceId;
    }

    static String hash(String... ids) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(goJson(ids).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** A JSON array of strings as Go's {@code json.Marshal} writes it (HTML characters escaped). */
    static String goJson(String... strings) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < strings.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            for (int j = 0; j < strings[i].length(); j++) {
                char c = strings[i].charAt(j);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }
}
