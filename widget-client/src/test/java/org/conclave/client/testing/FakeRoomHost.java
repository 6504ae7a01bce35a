package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.RoomActions;

/**
 * A host and homeserver in one, for state-machine tests: state events are echoed into the
 * widget's {@link RoomState} (with {@code origin_server_ts} from the manual clock), delayed events
 * fire on the {@link ManualScheduler}, and any request can be made to fail.
 */
public final class FakeRoomHost implements RoomActions {
    private final ManualScheduler time;
    private final RoomState room;
    private final String sender;
    private final Map<String, Delayed> delayed = new LinkedHashMap<>();
    public final List<String> requests = new ArrayList<>();
    public final List<JsonObject> toDevice = new ArrayList<>();
    public boolean failNext;
    /** How long the replies to delayed-event requests take (a slow homeserver); the server acts at once. */
    public double replyDelayMs;
    /** Delayed-event requests whose reply has not arrived yet, and the most there ever were at once. */
    public int inFlight;
    public int maxInFlight;
    /** The next restart reaches the server but its reply is lost: the widget hears a timeout after 10 s. */
    public boolean loseNextRestartReply;
    /** This many next restarts are refused with M_LIMIT_EXCEEDED (retry after {@link #retryAfterMs}); the server does nothing. */
    public int rateLimitRestarts;
    public double retryAfterMs = 1_500;
    /** Delayed events that fired (their state written). */
    public int fired;
    private int nextId = 1;

    private final class Delayed {
        final String type;
        final String stateKey;
        final JsonObject content;
        final double delay;
        Scheduler.Cancellable timer;

        Delayed(String type, String stateKey, JsonObject content, double delay) {
            this.type = type;
            this.stateKey = stateKey;
            this.content = content;
            this.delay = delay;
        }
    }

    public FakeRoomHost(ManualScheduler time, RoomState room, String sender) {
        this.time = time;
        this.room = room;
        this.sender = sender;
    }

    /** The server forgets every delayed event (as after a restart or expiry). */
    public void dropDelayedEvents() {
        for (Delayed d : delayed.values()) {
            d.timer.cancel();
        }
        delayed.clear();
    }

    public int delayedCount() {
        return delayed.size();
    }

    /** Writes state as the server would and echoes it to the widget. */
    public void applyState(String type, String stateKey, JsonObject content) {
        room.apply(new JsonObject().put("type", type).put("state_key", stateKey).put("sender", sender)
                .put("event_id", "$" + nextId++).put("origin_server_ts", time.nowMillis()).put("content", content));
    }

    private void reply(Runnable answer) {
        if (replyDelayMs <= 0) {
            answer.run();
            return;
        }
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        time.schedule(replyDelayMs, () -> {
            inFlight--;
            answer.run();
        });
    }

    private boolean failing(String request, Callback callback) {
        requests.add(request);
        if (failNext) {
            failNext = false;
            callback.failed("injected failure");
            return true;
        }
        return false;
    }

    @Override
    public void sendState(String type, String stateKey, JsonObject content, Callback callback) {
        if (failing("state " + (content.size() == 0 ? "leave" : "join"), callback)) {
            return;
        }
        applyState(type, stateKey, content);
        callback.done(new JsonObject().put("event_id", "$" + nextId++));
    }

    @Override
    public void sendDelayedState(String type, String stateKey, JsonObject content, double delayMillis,
            Callback callback) {
        if (failing("delayed", callback)) {
            return;
        }
        String id = "d" + nextId++;
        Delayed d = new Delayed(type, stateKey, content, delayMillis);
        d.timer = time.schedule(delayMillis, () -> fire(id));
        delayed.put(id, d);
        reply(() -> callback.done(new JsonObject().put("delay_id", id)));
    }

    private void fire(String id) {
        Delayed d = delayed.remove(id);
        if (d != null) {
            fired++;
            applyState(d.type, d.stateKey, d.content);
        }
    }

    @Override
    public void updateDelayedEvent(String delayId, String action, Callback callback) {
        if (failing(action, callback)) {
            return;
        }
        if ("restart".equals(action) && rateLimitRestarts > 0) {
            rateLimitRestarts--;
            reply(() -> callback.refused("update_delayed_event refused: Too Many Requests", "M_LIMIT_EXCEEDED", retryAfterMs));
            return;
        }
        Delayed d = delayed.get(delayId);
        if (d == null) {
            reply(() -> callback.refused("update_delayed_event refused: M_NOT_FOUND: no delayed event", "M_NOT_FOUND", Double.NaN));
            return;
        }
        d.timer.cancel();
        switch (action) {
            case "restart" -> d.timer = time.schedule(d.delay, () -> fire(delayId));
            case "send" -> fire(delayId);
            default -> delayed.remove(delayId);
        }
        if ("restart".equals(action) && loseNextRestartReply) {
            loseNextRestartReply = false;
            time.schedule(10_000, () -> callback.timedOut("org.matrix.msc4157.update_delayed_event timed out"));
            return;
        }
        reply(() -> callback.done(new JsonObject()));
    }

    @Override
    public void sendToDevice(String type, boolean encrypted, JsonObject messages, Callback callback) {
        if (failing("to-device", callback)) {
            return;
        }
        toDevice.add(new JsonObject().put("type", type).put("encrypted", encrypted).put("messages", messages));
        callback.done(new JsonObject());
    }
}
