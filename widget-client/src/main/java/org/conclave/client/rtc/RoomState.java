package org.conclave.client.rtc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;

/**
 * The widget's mirror of one room's current state, fed only from {@code update_state} (the host's
 * timeline may replay older state; protocol.md §2). Events for another room, or without a string
 * {@code type}, string {@code state_key} and object {@code content}, are dropped with a logged
 * reason. Applying the same event twice changes nothing.
 */
public final class RoomState {
    /** Hears every applied change. */
    @FunctionalInterface
    public interface Listener {
        /** State {@code (type, stateKey)} now holds {@code event}. */
        void changed(String type, String stateKey, JsonObject event);
    }

    private final String roomId;
    private final Log log;
    /** By type, then state key: reading one type stays cheap in a room of many members. */
    private final Map<String, Map<String, JsonObject>> events = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    /** The state of {@code roomId}. */
    public RoomState(String roomId, Log log) {
        this.roomId = roomId;
        this.log = log;
    }

    /** Adds a listener. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Applies one state event; returns whether the state changed. */
    public boolean apply(JsonObject event) {
        String type = event.getString("type");
        String stateKey = event.getString("state_key");
        JsonObject content = event.getObject("content");
        String eventRoom = event.getString("room_id");
        if (type == null || stateKey == null || content == null) {
            log.warn("room state: dropped an event without type/state_key/content");
            return false;
        }
        if (eventRoom != null && !eventRoom.equals(roomId)) {
            log.warn("room state: dropped " + type + " for another room");
            return false;
        }
        Map<String, JsonObject> ofType = events.computeIfAbsent(type, t -> new LinkedHashMap<>());
        JsonObject previous = ofType.get(stateKey);
        if (previous != null && previous.equals(event)) {
            return false;
        }
        ofType.put(stateKey, event);
        for (Listener l : listeners) {
            l.changed(type, stateKey, event);
        }
        return true;
    }

    /** The current event at {@code (type, stateKey)}, or {@code null}. */
    public JsonObject get(String type, String stateKey) {
        Map<String, JsonObject> ofType = events.get(type);
        return ofType == null ? null : ofType.get(stateKey);
    }

    /** All current events of {@code type}. */
    public List<JsonObject> ofType(String type) {
        Map<String, JsonObject> ofType = events.get(type);
        return ofType == null ? new ArrayList<>() : new ArrayList<>(ofType.values());
    }

    /** Every current state event. */
    public List<JsonObject> all() {
        List<JsonObject> out = new ArrayList<>();
        for (Map<String, JsonObject> ofType : events.values()) {
            out.addAll(ofType.values());
        }
        return out;
    }

    /** The room's name from {@code m.room.name}, or {@code null}. */
    public String roomName() {
        JsonObject e = get("m.room.name", "");
        String name = e == null ? null : e.getObject("content").getString("name");
        return name == null || name.trim().isEmpty() ? null : name.trim();
    }

    /** The room id. */
    public String roomId() {
        return roomId;
    }
}
