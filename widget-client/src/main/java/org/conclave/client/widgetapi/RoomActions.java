package org.conclave.client.widgetapi;

import org.conclave.client.util.JsonObject;

/**
 * What the call asks the host to do in the room, as the Widget API offers it (protocol.md §2).
 * {@link WidgetRoomActions} sends these over postMessage; tests use a fake.
 */
public interface RoomActions {
    /** The outcome of one request: exactly one call. */
    interface Callback {
        void done(JsonObject response);

        /** The host answered with an error, or the request could not be made. */
        void failed(String reason);

        /**
         * The host answered with an error that carries the homeserver's Matrix error code
         * ({@code errcode}, or null where the host gives none) and its retry delay
         * ({@code retryAfterMs}, NaN for none). By default the same as {@link #failed}.
         */
        default void refused(String reason, String errcode, double retryAfterMs) {
            failed(reason);
        }

        /**
         * No answer in time: the request may or may not have reached the homeserver. By default
         * the same as {@link #failed}; a caller for whom the two differ tells them apart here.
         */
        default void timedOut(String reason) {
            failed(reason);
        }
    }

    /** {@code send_event} of a state event; the response has {@code event_id}. */
    void sendState(String type, String stateKey, JsonObject content, Callback callback);

    /** {@code send_event} with {@code delay} (MSC4157); the response has {@code delay_id}. */
    void sendDelayedState(String type, String stateKey, JsonObject content, double delayMillis, Callback callback);

    /** {@code org.matrix.msc4157.update_delayed_event} with action cancel, restart or send. */
    void updateDelayedEvent(String delayId, String action, Callback callback);

    /**
     * {@code send_event} of a room (timeline) event; the response has {@code event_id}. A
     * {@code m.room.redaction} with {@code {redacts}} redacts that event (the host does it).
     */
    default void sendEvent(String type, JsonObject content, Callback callback) {
        callback.failed("room events are not supported here");
    }

    /** {@code send_to_device}; {@code messages} is {@code {userId: {deviceId: content}}}. */
    void sendToDevice(String type, boolean encrypted, JsonObject messages, Callback callback);
}
