package org.conclave.client.widgetapi;

import java.util.function.Consumer;
import org.conclave.client.util.JsonObject;

/**
 * Carries Widget API envelopes between the widget and its host. The browser implementation is a
 * postMessage channel that has already checked the message's source window and origin; tests use
 * an in-memory one.
 */
public interface Transport {
    /** Sends an envelope to the host. */
    void send(JsonObject message);

    /**
     * Sets where envelopes from the host go. Only messages from the host window and origin reach
     * the receiver; the widget id is checked by {@link WidgetApiClient}.
     */
    void setReceiver(Consumer<JsonObject> receiver);
}
