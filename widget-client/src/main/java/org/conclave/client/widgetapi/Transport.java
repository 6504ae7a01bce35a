package org.conclave.client.widgetapi;

import org.conclave.client.util.JsonObject;

/**
 * Carries Widget API envelopes between the widget and its host. The browser implementation is a
 * postMessage channel that has already checked the message's source window and origin; tests use
 * an in-memory one.
 */
public interface Transport {
    /** The most characters of JSON a host message may take; see {@code docs/keys.md}, "Limits". */
    int MAX_MESSAGE_CHARS = 32 << 20;

    /** Sends an envelope to the host. */
    void send(JsonObject message);

    /**
     * Answers {@code request}, an envelope this transport delivered: the request echoed back with
     * {@code response} added (protocol.md §2). A transport may echo its own copy of the request.
     */
    default void reply(JsonObject request, JsonObject response) {
        send(WidgetMessage.reply(request, response));
    }

    /**
     * Sets where envelopes from the host go. Only messages from the host window and origin reach
     * the receiver; the widget id is checked by {@link WidgetApiClient}.
     */
    void setReceiver(Receiver receiver);

    /** What the transport delivers. */
    interface Receiver {
        /** A whole envelope. */
        void message(JsonObject message);

        /**
         * A message that could not be read whole (too large, nested too deep, not serialisable):
         * {@code envelope} holds its top-level {@code api}, {@code widgetId}, {@code requestId} and
         * {@code action} where they are strings, and {@code hasResponse}, so that it can be answered.
         */
        void unreadable(JsonObject envelope, String reason);
    }
}
