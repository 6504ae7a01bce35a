package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.util.JsonObject;
import org.conclave.client.widgetapi.Transport;

/** A {@link Transport} whose host is the test: it records what the widget sends. */
public final class MemoryTransport implements Transport {
    public final List<JsonObject> sent = new ArrayList<>();
    private Receiver receiver;

    @Override
    public void send(JsonObject message) {
        sent.add(message);
    }

    @Override
    public void setReceiver(Receiver receiver) {
        this.receiver = receiver;
    }

    /** Delivers an envelope as the host would. */
    public void deliver(JsonObject message) {
        receiver.message(message);
    }

    /** Delivers a message the transport could not read whole, as the browser transport would. */
    public void deliverUnreadable(JsonObject envelope, String reason) {
        receiver.unreadable(envelope, reason);
    }

    /** The last envelope the widget sent. */
    public JsonObject last() {
        return sent.get(sent.size() - 1);
    }
}
