package org.conclave.client.widgetapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;

/**
 * TURN servers the host gives the widget (MSC3846 {@code update_turn_servers}: the homeserver's
 * {@code /voip/turnServer} answer, {@code {uris, username, password}}). The credentials are
 * secrets: {@link #toString()} leaves them out, and nothing else prints them.
 */
public final class TurnServers {
    static final int MAX_URIS = 16;
    static final int MAX_LENGTH = 1024;

    private final List<String> uris;
    private final String username;
    private final String password;

    private TurnServers(List<String> uris, String username, String password) {
        this.uris = Collections.unmodifiableList(uris);
        this.username = username;
        this.password = password;
    }

    /**
     * Reads an {@code update_turn_servers} body. Refuses (with the reason, never a credential)
     * anything but 1–16 {@code turn:}, {@code turns:} or {@code stun:} URIs and string credentials.
     */
    public static TurnServers parse(JsonObject data) {
        JsonArray list = data.getArray("uris");
        if (list == null || list.size() == 0 || list.size() > MAX_URIS) {
            throw new IllegalArgumentException("update_turn_servers needs 1 to " + MAX_URIS + " uris");
        }
        List<String> uris = new ArrayList<>();
        for (JsonValue item : list.items()) {
            String uri = item.asString();
            if (uri == null || uri.length() > MAX_LENGTH
                    || !(uri.startsWith("turn:") || uri.startsWith("turns:") || uri.startsWith("stun:"))) {
                throw new IllegalArgumentException("update_turn_servers: a uri is not a turn:, turns: or stun: URI");
            }
            uris.add(uri);
        }
        String username = data.getString("username");
        String password = data.getString("password");
        if (username == null || password == null || username.length() > MAX_LENGTH
                || password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("update_turn_servers needs a string username and password");
        }
        return new TurnServers(uris, username, password);
    }

    public List<String> uris() {
        return uris;
    }

    /** The {@code iceServers} entry of an {@code RTCConfiguration}, as JSON (holds the credentials). */
    public String toIceServersJson() {
        return new JsonArray().add(new JsonObject().put("urls", JsonArray.ofStrings(uris)).put("username", username)
                .put("credential", password)).toJson();
    }

    @Override
    public String toString() {
        return "TurnServers" + uris + " (credentials not shown)";
    }
}
