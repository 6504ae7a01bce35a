package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.conclave.client.util.JsonObject;
import org.conclave.client.widgetapi.Transport;

/** A {@link Transport} whose host is the test: it records what the widget sends. */
public final class MemoryTransport implements Transport {
    public final List<JsonObject> sent = new ArrayList<>();
    private Consumer<JsonObject> receiver;

    @Override
    public void send(JsonObject message) {
        sent.add(message);
    }

    @Override
    public void setReceiver(Consumer<JsonObject> receiver) {
        this.receiver = receiver;
    }

    /** Delivers an envelope as the host would. */
    public void deliver(JsonObject message) {
        receiver.accept(message);
    }

    /** The last envelope the widget sent. */
    public JsonObject last() {
        return sent.get(sent.size() - 1);
    }
}
