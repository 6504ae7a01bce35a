package org.conclave.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One in-memory Matrix room for the demo and the browser tests, standing in for a homeserver
 * (none can be installed here): current state, a timeline with event ids and
 * {@code origin_server_ts}, fan-out of every event to every connected host including the sender,
 * to-device routing by user and device (queued for devices not connected), and MSC4140 delayed
 * events on timers that survive the sender's disconnect.
 *
 * <p>All methods are synchronized: hosts talk to the room from Jetty's threads and timers.
 */
final class DemoRoom {
    static final int MAX_TIMELINE = 5000;
    static final int MAX_INBOX = 500;
    static final int MAX_TO_DEVICE_LOG = 10_000;
    static final long MAX_DELAY_MS = 24L * 3600 * 1000;

    static final String MEDIA_KEYS = "io.element.call.encryption_keys";

    private final ObjectMapper json;
    private final ScheduledExecutorService timers;
    private final String roomId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ObjectNode> state = new LinkedHashMap<>();
    /** How many of the latest timeline events a connecting host gets. */
    static final int INIT_TIMELINE = 200;
    private final Deque<ObjectNode> timeline = new ArrayDeque<>();
    private final List<RelayClient> clients = new ArrayList<>();
    private final Map<String, Deque<String>> inboxes = new HashMap<>();
    private final Map<String, Delayed> delayed = new HashMap<>();
    private final Deque<ObjectNode> toDeviceLog = new ArrayDeque<>();
    private final java.util.Set<String> keysWithheld = new java.util.HashSet<>();
    private long lastTs;
    private long counter;

    private record Delayed(String sender, long delayMs, String type, JsonNode content, String stateKey, ScheduledFuture<?> timer) {}

    DemoRoom(ObjectMapper json, ScheduledExecutorService timers, String roomId, String creator, String name) {
        this.json = json;
        this.timers = timers;
        this.roomId = roomId;
        send(creator, "m.room.create", json.createObjectNode().put("creator", creator).put("room_version", "11"), "");
        send(creator, "m.room.name", json.createObjectNode().put("name", name), "");
        send(creator, "m.room.encryption", json.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"), "");
    }

    String roomId() {
        return roomId;
    }

    /** Connects a host: joins its user if needed, sends it the current state, then its queued to-device. */
    synchronized void connect(RelayClient client, String displayName, String avatarUrl) {
        clients.add(client);
        ObjectNode init = json.createObjectNode().put("op", "init").put("room_id", roomId);
        ArrayNode stateArray = init.putArray("state");
        state.values().forEach(stateArray::add);
        // The recent timeline besides, as a homeserver's first sync has it (raised hands from before).
        ArrayNode history = init.putArray("timeline");
        List<ObjectNode> events = timeline.stream().filter(e -> !e.has("state_key")).toList();
        events.subList(Math.max(0, events.size() - INIT_TIMELINE), events.size()).forEach(history::add);
        client.deliver(init.toString());
        JsonNode member = state.get(key("m.room.member", client.userId()));
        if (member == null || !"join".equals(member.path("content").path("membership").asText())) {
            ObjectNode content = json.createObjectNode().put("membership", "join").put("displayname", displayName);
            if (avatarUrl != null) {
                content.put("avatar_url", avatarUrl);
            }
            send(client.userId(), "m.room.member", content, client.userId());
        }
        Deque<String> inbox = inboxes.remove(inboxKey(client.userId(), client.deviceId()));
        if (inbox != null) {
            inbox.forEach(client::deliver);
        }
    }

    /**
     * Test fault injection, a homeserver lying to one user: {@code user} joined, in the call on
     * {@code device} (a Conclave mesh membership), shown to {@code viewer}'s hosts only and to
     * nobody else, and not kept in the room's state.
     */
    synchronized void showOnlyTo(String viewer, String user, String device) {
        long now = System.currentTimeMillis();
        ObjectNode member = phantomEvent(user, "m.room.member", user, now);
        member.putObject("content").put("membership", "join");
        ObjectNode call = phantomEvent(user, "org.matrix.msc3401.call.member", "_" + user + "_" + device + "_m.call", now);
        ObjectNode content = call.putObject("content");
        content.put("application", "m.call").put("call_id", "").put("scope", "m.room").put("device_id", device)
                .put("expires", 3_600_000).put("created_ts", now);
        content.putObject("focus_active").put("type", "org.conclave.mesh");
        content.putArray("foci_preferred").addObject().put("type", "org.conclave.mesh");
        content.putArray("org.conclave.frame_formats").add("sframe").add("livekit");
        for (JsonNode event : List.of(member, call)) {
            String message = json.createObjectNode().put("op", "event").set("event", event).toString();
            for (RelayClient c : List.copyOf(clients)) {
                if (c.userId().equals(viewer)) {
                    c.deliver(message);
                }
            }
        }
    }

    private ObjectNode phantomEvent(String sender, String type, String stateKey, long ts) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type).put("event_id", "$phantom" + (++counter)).put("room_id", roomId).put("sender", sender)
                .put("origin_server_ts", ts).put("state_key", stateKey);
        event.putObject("unsigned").put("age", 0);
        return event;
    }

    /** Disconnects a host. Its user stays joined and its delayed events stay scheduled. */
    synchronized void disconnect(RelayClient client) {
        clients.remove(client);
    }

    /** Sends a room event (a state event when {@code stateKey} is not null); returns the event. */
    synchronized ObjectNode send(String sender, String type, JsonNode content, String stateKey) {
        ObjectNode redacted = null;
        if ("m.room.redaction".equals(type) && stateKey == null) {
            // As a homeserver: one's own events only (no power levels here), content emptied, and
            // "redacts" at the top as well as in the content, where clients of every room version look.
            String target = content == null ? null : content.path("redacts").asText(null);
            for (ObjectNode e : timeline) {
                if (e.path("event_id").asText().equals(target)) {
                    redacted = e;
                }
            }
            if (redacted == null) {
                throw new RelayException("M_NOT_FOUND: no event " + target + " to redact");
            }
            if (!sender.equals(redacted.path("sender").asText())) {
                throw new RelayException("M_FORBIDDEN: only the sender may redact an event here");
            }
            redacted.putObject("content");
        }
        long ts = Math.max(System.currentTimeMillis(), lastTs + 1);
        lastTs = ts;
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("event_id", "$" + (++counter) + "-" + Long.toHexString(random.nextLong()));
        event.put("room_id", roomId);
        event.put("sender", sender);
        event.put("origin_server_ts", ts);
        if (stateKey != null) {
            event.put("state_key", stateKey);
        }
        event.set("content", content);
        event.putObject("unsigned").put("age", 0);
        if (redacted != null) {
            event.put("redacts", redacted.path("event_id").asText());
        }
        if (stateKey != null) {
            state.put(key(type, stateKey), event);
            cancelOthersDelayedState(sender, type, stateKey);
        }
        timeline.addLast(event);
        while (timeline.size() > MAX_TIMELINE) {
            timeline.removeFirst();
        }
        String message = json.createObjectNode().put("op", "event").set("event", event).toString();
        for (RelayClient c : List.copyOf(clients)) {
            c.deliver(message);
        }
        return event;
    }

    /** Schedules an event to be sent by {@code sender} after {@code delayMs}; returns the delay id. */
    synchronized String schedule(String sender, long delayMs, String type, JsonNode content, String stateKey) {
        if (delayMs < 0) {
            throw new RelayException("M_INVALID_PARAM: delay must be 0 to " + MAX_DELAY_MS + " ms");
        }
        if (delayMs > MAX_DELAY_MS) {
            // Synapse's code for it.
            throw new RelayException("ORG.MATRIX.MSC4140_DELAY_TOO_LARGE: delay must be at most " + MAX_DELAY_MS + " ms");
        }
        String delayId = "d" + (++counter) + Long.toHexString(random.nextLong());
        delayed.put(delayId, new Delayed(sender, delayMs, type, content, stateKey, arm(delayId, delayMs)));
        return delayId;
    }

    private ScheduledFuture<?> arm(String delayId, long delayMs) {
        return timers.schedule(() -> fire(delayId), delayMs, TimeUnit.MILLISECONDS);
    }

    /**
     * As Synapse does (MSC4140): state written by one user cancels the other users' delayed
     * events that would overwrite it; the sender's own stay scheduled.
     */
    private void cancelOthersDelayedState(String sender, String type, String stateKey) {
        delayed.entrySet().removeIf(e -> {
            Delayed d = e.getValue();
            boolean overwrites = type.equals(d.type()) && stateKey.equals(d.stateKey()) && !sender.equals(d.sender());
            if (overwrites) {
                d.timer().cancel(false);
            }
            return overwrites;
        });
    }

    private synchronized void fire(String delayId) {
        Delayed d = delayed.remove(delayId);
        if (d != null) {
            send(d.sender(), d.type(), d.content(), d.stateKey());
        }
    }

    /** MSC4157 {@code cancel}, {@code restart} or {@code send} of {@code sender}'s delayed event. */
    synchronized void updateDelayed(String sender, String delayId, String action) {
        Delayed d = delayed.get(delayId);
        if (d == null || !d.sender().equals(sender)) {
            throw new RelayException("M_NOT_FOUND: no delayed event " + delayId);
        }
        switch (action) {
            case "cancel" -> {
                d.timer().cancel(false);
                delayed.remove(delayId);
            }
            case "restart" -> {
                d.timer().cancel(false);
                delayed.put(delayId, new Delayed(d.sender(), d.delayMs(), d.type(), d.content(), d.stateKey(), arm(delayId, d.delayMs())));
            }
            case "send" -> {
                d.timer().cancel(false);
                delayed.remove(delayId);
                send(d.sender(), d.type(), d.content(), d.stateKey());
            }
            default -> throw new RelayException("M_INVALID_PARAM: action must be cancel, restart or send");
        }
    }

    /**
     * Routes to-device messages: {@code messages} is {@code {userId: {deviceId | "*": content}}}.
     * The log keeps who sent what type to whom, never the content; for media keys it adds the key
     * index (never the key), so tests can tell which key generation reached whom.
     */
    synchronized void sendToDevice(String senderUser, String senderDevice, String type, boolean encrypted, JsonNode messages) {
        Iterator<Map.Entry<String, JsonNode>> users = messages.fields();
        while (users.hasNext()) {
            Map.Entry<String, JsonNode> user = users.next();
            Iterator<Map.Entry<String, JsonNode>> devices = user.getValue().fields();
            while (devices.hasNext()) {
                Map.Entry<String, JsonNode> device = devices.next();
                ObjectNode message = json.createObjectNode().put("type", type).put("sender", senderUser);
                message.set("content", device.getValue());
                String wire = json.createObjectNode().put("op", "to_device").put("encrypted", encrypted).set("message", message).toString();
                boolean withheld = MEDIA_KEYS.equals(type) && keysWithheld.contains(user.getKey() + "|" + device.getKey());
                if (!withheld) {
                    deliverToDevice(user.getKey(), device.getKey(), wire);
                }
                ObjectNode record = json.createObjectNode().put("type", type).put("sender", senderUser)
                        .put("sender_device", senderDevice).put("user_id", user.getKey()).put("device_id", device.getKey())
                        .put("encrypted", encrypted).put("ts", System.currentTimeMillis());
                JsonNode keyIndex = device.getValue().path("keys").path("index");
                if (keyIndex.isIntegralNumber()) {
                    record.put("key_index", keyIndex.intValue());
                }
                if (withheld) {
                    record.put("withheld", true);
                }
                toDeviceLog.addLast(record);
                while (toDeviceLog.size() > MAX_TO_DEVICE_LOG) {
                    toDeviceLog.removeFirst();
                }
            }
        }
    }

    private void deliverToDevice(String userId, String deviceId, String wire) {
        boolean delivered = false;
        for (RelayClient c : List.copyOf(clients)) {
            if (c.userId().equals(userId) && (deviceId.equals("*") || c.deviceId().equals(deviceId))) {
                c.deliver(wire);
                delivered = true;
            }
        }
        if (!delivered && !deviceId.equals("*")) {
            Deque<String> inbox = inboxes.computeIfAbsent(inboxKey(userId, deviceId), k -> new ArrayDeque<>());
            inbox.addLast(wire);
            while (inbox.size() > MAX_INBOX) {
                inbox.removeFirst();
            }
        }
    }

    /**
     * Load for tests: {@code count} more joined members ({@code @member<n>:<server>}, with a display
     * name and an avatar, as a big public room has), sent as ordinary state events.
     */
    synchronized void addMembers(int count, String server) {
        int first = (int) state.keySet().stream().filter(k -> k.startsWith("m.room.member\u0000@member")).count();
        for (int i = first; i < first + count; i++) {
            String user = "@member" + i + ":" + server;
            send(user, "m.room.member", json.createObjectNode().put("membership", "join")
                    .put("displayname", "Member " + i).put("avatar_url", "mxc://" + server + "/" + Long.toHexString(random.nextLong())
                            + Long.toHexString(random.nextLong())), user);
        }
    }

    /** The current state events. */
    synchronized List<ObjectNode> state() {
        return List.copyOf(state.values());
    }

    /** The to-device log (metadata only), oldest first. */
    /**
     * Fault injection for tests: media keys addressed to {@code userId}'s {@code deviceId} are
     * logged but never delivered, as if that device had no Olm session with anyone.
     */
    synchronized void withholdKeysFrom(String userId, String deviceId) {
        keysWithheld.add(userId + "|" + deviceId);
    }

    synchronized List<ObjectNode> toDeviceLog() {
        return List.copyOf(toDeviceLog);
    }

    /** How many hosts are connected. */
    synchronized int connectedCount() {
        return clients.size();
    }

    private static String key(String type, String stateKey) {
        return type + '\u0000' + stateKey;
    }

    private static String inboxKey(String userId, String deviceId) {
        return userId + '\u0000' + deviceId;
    }
}
