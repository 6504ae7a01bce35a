package org.conclave.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's stand-in for a homeserver: host pages connect over a WebSocket as one user on one
 * device in one room, and send the Matrix operations a widget driver needs. Every request gets a
 * {@code result} with its {@code rid}, either a value or an {@code error}.
 */
public final class DemoRelay {
    static final int MAX_MESSAGE_CHARS = 256 * 1024;
    static final int MAX_ROOMS = 200;
    static final Pattern USER_ID = Pattern.compile("@[a-z0-9._=\\-/]{1,64}:[A-Za-z0-9.\\-]{1,64}(:[0-9]{1,5})?");
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    /** With a server name, or (room version 12, Synapse's default) without one. */
    static final Pattern ROOM_ID = Pattern.compile("![A-Za-z0-9._\\-]{1,64}(:[A-Za-z0-9.\\-]{1,64}(:[0-9]{1,5})?)?");
    static final Pattern TYPE = Pattern.compile("[A-Za-z0-9._\\-]{1,255}");

    /** The demo's homeserver names: {@code conclave.local} and its subdomains (one per deployment). */
    public static final String SERVER_NAME = "conclave.local";
    /** OpenID tokens the demo has handed out and not yet seen expire. */
    static final int MAX_OPENID_TOKENS = 10_000;
    static final long OPENID_LIFETIME_MS = 3_600_000;

    private static final Logger LOG = LoggerFactory.getLogger(DemoRelay.class);
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final Map<String, OpenId> openIdTokens = new java.util.LinkedHashMap<>();

    private record OpenId(String userId, long expiresAt) {}
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-relay-timers");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, DemoRoom> rooms = new ConcurrentHashMap<>();
    private volatile java.util.function.Supplier<String> sfuService = () -> null;
    private volatile Map<String, String> deployments = Map.of();

    /**
     * The SFU token service the demo's homeserver advertises as its RTC transport (MSC4515
     * {@code rtc/transports}), or null for none: set when a LiveKit server is configured.
     */
    public void advertiseSfu(java.util.function.Supplier<String> serviceUrl) {
        this.sfuService = serviceUrl;
    }

    /**
     * Other deployments: the token service that the demo's homeserver {@code name} (a key, e.g.
     * {@code two.conclave.local}) advertises to its users instead of this server's own.
     */
    public void advertiseDeployments(Map<String, String> serviceByHomeserver) {
        this.deployments = Map.copyOf(serviceByHomeserver);
    }

    /** {@code {rtc_transports: [...]}} as this server's own homeserver answers {@code /rtc/transports}. */
    ObjectNode rtcTransports() {
        return rtcTransports(null);
    }

    /** As above, as {@code userId}'s homeserver answers: its deployment's SFU. */
    ObjectNode rtcTransports(String userId) {
        ObjectNode answer = json.createObjectNode();
        var list = answer.putArray("rtc_transports");
        String server = userId == null ? null : userId.substring(userId.indexOf(':') + 1);
        String service = server != null && deployments.containsKey(server) ? deployments.get(server) : sfuService.get();
        if (service != null) {
            list.addObject().put("type", "livekit").put("livekit_service_url", service);
        }
        return answer;
    }

    /** Configures the WebSocket endpoint. */
    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setMaxTextMessageSize(MAX_MESSAGE_CHARS);
            String user = ctx.queryParam("user");
            String device = ctx.queryParam("device");
            String roomId = ctx.queryParam("room");
            if (user == null || !USER_ID.matcher(user).matches() || device == null || !DEVICE_ID.matcher(device).matches()
                    || roomId == null || !ROOM_ID.matcher(roomId).matches()) {
                ctx.closeSession(4400, "user, device and room must be valid Matrix ids");
                return;
            }
            DemoRoom room = roomFor(roomId, user, ctx.queryParam("roomName"));
            if (room == null) {
                ctx.closeSession(4429, "too many demo rooms");
                return;
            }
            Client client = new Client(ctx, user, device, room);
            ctx.attribute("client", client);
            String displayName = ctx.queryParam("displayName");
            // avatar=generated (the demo's host pages): the member gets a picture the demo serves.
            String avatar = "generated".equals(ctx.queryParam("avatar")) ? DemoRoutes.avatarUri(user) : null;
            room.connect(client, displayName == null || displayName.isBlank() ? user : displayName, avatar);
            LOG.info("demo relay: {} on {} connected to {}", user, device, roomId);
        });
        ws.onMessage(ctx -> {
            Client client = ctx.attribute("client");
            if (client != null) {
                client.handle(ctx.message());
            }
        });
        ws.onClose(ctx -> {
            Client client = ctx.attribute("client");
            if (client != null) {
                client.room.disconnect(client);
                LOG.info("demo relay: {} on {} disconnected", client.user, client.device);
            }
        });
    }

    /** Whether {@code server} is one of the demo's homeservers. */
    public static boolean isDemoServer(String server) {
        return server.equals(SERVER_NAME) || server.endsWith("." + SERVER_NAME);
    }

    /**
     * An OpenID token for {@code userId}, as a homeserver's {@code /openid/request_token} gives one:
     * random, valid an hour, answerable through {@link #userIdForOpenIdToken}.
     */
    public synchronized ObjectNode openIdToken(String userId) {
        long now = System.currentTimeMillis();
        openIdTokens.values().removeIf(t -> t.expiresAt() < now);
        while (openIdTokens.size() >= MAX_OPENID_TOKENS) {
            openIdTokens.remove(openIdTokens.keySet().iterator().next());
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        openIdTokens.put(token, new OpenId(userId, now + OPENID_LIFETIME_MS));
        return json.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("matrix_server_name", userId.substring(userId.indexOf(':') + 1)).put("expires_in", OPENID_LIFETIME_MS / 1000);
    }

    /** The user an unexpired OpenID token of the demo belongs to, or {@code null}. */
    public synchronized String userIdForOpenIdToken(String token) {
        OpenId id = token == null ? null : openIdTokens.get(token);
        return id == null || id.expiresAt() < System.currentTimeMillis() ? null : id.userId();
    }

    /** The room, or {@code null} if it does not exist. */
    public DemoRoom room(String roomId) {
        return rooms.get(roomId);
    }

    /** The room, created (by {@code creator}) if it does not exist; {@code null} past the room limit. */
    public DemoRoom roomOrCreate(String roomId, String creator) {
        return roomFor(roomId, creator, null);
    }

    /** Stops the timers (delayed events). */
    public void stop() {
        timers.shutdownNow();
    }

    private DemoRoom roomFor(String roomId, String creator, String name) {
        DemoRoom existing = rooms.get(roomId);
        if (existing != null) {
            return existing;
        }
        if (rooms.size() >= MAX_ROOMS) {
            return null;
        }
        String roomName = name == null || name.isBlank() ? "Conclave demo room" : name.strip();
        return rooms.computeIfAbsent(roomId, id -> new DemoRoom(json, timers, id, creator, roomName.length() > 100 ? roomName.substring(0, 100) : roomName));
    }

    private final class Client implements RelayClient {
        final WsContext ctx;
        final String user;
        final String device;
        final DemoRoom room;

        Client(WsContext ctx, String user, String device, DemoRoom room) {
            this.ctx = ctx;
            this.user = user;
            this.device = device;
            this.room = room;
        }

        @Override
        public String userId() {
            return user;
        }

        @Override
        public String deviceId() {
            return device;
        }

        @Override
        public void deliver(String message) {
            if (ctx.session.isOpen()) {
                ctx.send(message);
            }
        }

        void handle(String text) {
            JsonNode request;
            try {
                request = json.readTree(text);
            } catch (JsonProcessingException e) {
                deliver(result(null).put("error", "M_NOT_JSON: request is not JSON").toString());
                return;
            }
            String rid = request.path("rid").isTextual() ? request.path("rid").asText() : null;
            try {
                JsonNode value = perform(request);
                ObjectNode reply = result(rid);
                reply.set("result", value);
                deliver(reply.toString());
            } catch (RelayException e) {
                deliver(result(rid).put("error", e.getMessage()).toString());
            }
        }

        private ObjectNode result(String rid) {
            return json.createObjectNode().put("op", "result").put("rid", rid);
        }

        private JsonNode perform(JsonNode r) {
            String op = r.path("op").asText("");
            switch (op) {
                case "send_event" -> {
                    ObjectNode event = room.send(user, type(r), content(r), stateKey(r));
                    return json.createObjectNode().put("event_id", event.get("event_id").asText()).put("room_id", room.roomId());
                }
                case "send_delayed" -> {
                    String id = room.schedule(user, r.path("delay").asLong(-1), type(r), content(r), stateKey(r));
                    return json.createObjectNode().put("delay_id", id).put("room_id", room.roomId());
                }
                case "update_delayed" -> {
                    room.updateDelayed(user, text(r, "delay_id"), text(r, "action"));
                    return json.createObjectNode();
                }
                case "get_openid" -> {
                    return openIdToken(user);
                }
                case "get_rtc_transports" -> {
                    return rtcTransports(user);
                }
                case "send_to_device" -> {
                    JsonNode messages = r.path("messages");
                    if (!messages.isObject()) {
                        throw new RelayException("M_BAD_JSON: messages must be an object");
                    }
                    messages.forEach(devices -> {
                        if (!devices.isObject()) {
                            throw new RelayException("M_BAD_JSON: messages must map users to device objects");
                        }
                    });
                    room.sendToDevice(user, device, type(r), r.path("encrypted").asBoolean(false), messages);
                    return json.createObjectNode();
                }
                default -> throw new RelayException("M_UNRECOGNIZED: unknown op '" + op + "'");
            }
        }

        private String type(JsonNode r) {
            String type = text(r, "type");
            if (!TYPE.matcher(type).matches()) {
                throw new RelayException("M_BAD_JSON: bad event type");
            }
            return type;
        }

        private JsonNode content(JsonNode r) {
            JsonNode content = r.path("content");
            if (!content.isObject()) {
                throw new RelayException("M_BAD_JSON: content must be an object");
            }
            return content;
        }

        private String stateKey(JsonNode r) {
            JsonNode key = r.get("state_key");
            if (key == null || key.isNull()) {
                return null;
            }
            if (!key.isTextual() || key.asText().length() > 255) {
                throw new RelayException("M_BAD_JSON: state_key must be a string");
            }
            return key.asText();
        }

        private String text(JsonNode r, String field) {
            JsonNode v = r.get(field);
            if (v == null || !v.isTextual()) {
                throw new RelayException("M_BAD_JSON: " + field + " must be a string");
            }
            return v.asText();
        }
    }
}
