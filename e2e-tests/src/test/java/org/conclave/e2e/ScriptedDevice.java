package org.conclave.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A room member driven by the test instead of a browser: it speaks the demo relay's protocol (the
 * same WebSocket the host pages use) to put its own call membership into the room and take it
 * out again, as a device of another client would. It never answers calls and sends no keys.
 */
final class ScriptedDevice implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String userId;
    final String deviceId;
    private final WebSocket socket;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextRid = new AtomicInteger();
    private final CompletableFuture<Void> initialised = new CompletableFuture<>();
    /** The room's call membership events as this device has seen them: state key to event id. */
    private final Map<String, String> memberships = new ConcurrentHashMap<>();

    ScriptedDevice(int port, String userId, String deviceId, String roomId) throws Exception {
        this.userId = userId;
        this.deviceId = deviceId;
        String query = "user=" + encode(userId) + "&device=" + encode(deviceId) + "&room=" + encode(roomId)
                + "&displayName=" + encode(userId.substring(1, userId.indexOf(':')));
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/demo/relay?" + query), new Listener())
                .get(10, TimeUnit.SECONDS);
        initialised.get(10, TimeUnit.SECONDS);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Sends its call membership (a mesh participant, as Conclave's own membership looks). */
    CompletableFuture<JsonNode> joinCall() {
        ObjectNode content = JSON.createObjectNode().put("application", "m.call").put("call_id", "")
                .put("scope", "m.room").put("device_id", deviceId).put("membershipID", userId + ":" + deviceId)
                .put("expires", 14_400_000).put("m.call.intent", "video");
        content.putObject("focus_active").put("type", "org.conclave.mesh");
        content.putArray("foci_preferred").addObject().put("type", "org.conclave.mesh");
        content.putArray("org.conclave.frame_formats").add("sframe").add("livekit");
        return membership(content);
    }

    /**
     * Sends a membership in Element Call's form (LiveKit, nothing said of frame formats): a device
     * that reads LiveKit's frame format only. It sends no media and no keys.
     */
    CompletableFuture<JsonNode> joinCallAsElementCall(String serviceUrl) {
        ObjectNode content = JSON.createObjectNode().put("application", "m.call").put("call_id", "")
                .put("scope", "m.room").put("device_id", deviceId).put("membershipID", userId + ":" + deviceId)
                .put("expires", 14_400_000).put("m.call.intent", "video");
        content.putObject("focus_active").put("type", "livekit").put("focus_selection", "multi_sfu");
        content.putArray("foci_preferred").addObject().put("type", "livekit").put("livekit_service_url", serviceUrl)
                .put("livekit_alias", "");
        return membership(content);
    }

    /** Sends a room event of {@code type} (a reaction, a redaction) as this device's user. */
    CompletableFuture<JsonNode> sendEvent(String type, ObjectNode content) {
        ObjectNode request = JSON.createObjectNode().put("op", "send_event").put("type", type);
        request.set("content", content);
        return request(request);
    }

    /** The event id of {@code userId} on {@code deviceId}'s current call membership, or null. */
    String membershipEventOf(String userId, String deviceId) {
        return memberships.get("_" + userId + "_" + deviceId + "_m.call");
    }

    /** Takes its call membership out ({@code {}}). */
    CompletableFuture<JsonNode> leaveCall() {
        return membership(JSON.createObjectNode());
    }

    /** An OpenID token from the room's homeserver (the widget API's {@code get_openid}). */
    CompletableFuture<JsonNode> openIdToken() {
        return request(JSON.createObjectNode().put("op", "get_openid"));
    }

    private CompletableFuture<JsonNode> membership(ObjectNode content) {
        ObjectNode request = JSON.createObjectNode().put("op", "send_event").put("type", "org.matrix.msc3401.call.member")
                .put("state_key", "_" + userId + "_" + deviceId + "_m.call");
        request.set("content", content);
        return request(request);
    }

    private CompletableFuture<JsonNode> request(ObjectNode request) {
        String rid = String.valueOf(nextRid.incrementAndGet());
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(rid, result);
        request.put("rid", rid);
        synchronized (socket) {
            socket.sendText(request.toString(), true).join();
        }
        return result;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                String op = message.path("op").asText();
                if (op.equals("init")) {
                    for (JsonNode event : message.path("state")) {
                        remember(event);
                    }
                    initialised.complete(null);
                } else if (op.equals("event")) {
                    remember(message.path("event"));
                } else if (op.equals("result")) {
                    CompletableFuture<JsonNode> result = pending.remove(message.path("rid").asText());
                    if (result != null) {
                        if (message.hasNonNull("error")) {
                            result.completeExceptionally(new IllegalStateException(message.path("error").asText()));
                        } else {
                            result.complete(message.path("result"));
                        }
                    }
                }
            } catch (Exception e) {
                initialised.completeExceptionally(e);
            }
        }
    }

    private void remember(JsonNode event) {
        if ("org.matrix.msc3401.call.member".equals(event.path("type").asText()) && event.hasNonNull("state_key")) {
            memberships.put(event.path("state_key").asText(), event.path("event_id").asText());
        }
    }

    /** Waits for all of {@code requests}. */
    static void awaitAll(List<CompletableFuture<JsonNode>> requests, int seconds) throws Exception {
        CompletableFuture.allOf(new ArrayList<>(requests).toArray(CompletableFuture[]::new)).get(seconds, TimeUnit.SECONDS);
    }
}
