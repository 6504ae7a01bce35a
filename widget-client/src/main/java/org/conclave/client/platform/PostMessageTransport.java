package org.conclave.client.platform;

import java.util.function.Consumer;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.MessageFilter;
import org.conclave.client.widgetapi.Transport;

/**
 * {@link Transport} over {@code window.postMessage} to the parent frame. Listens from construction
 * on (the host may speak first), reads only what {@link MessageFilter} admits, and posts only to
 * the parent's origin, never {@code "*"}.
 */
public final class PostMessageTransport implements Transport {
    private final MessageFilter filter;
    private final Log log;
    private Consumer<JsonObject> receiver;

    /** Starts listening for the host at {@code filter.parentOrigin()}. */
    public PostMessageTransport(MessageFilter filter, Log log) {
        this.filter = filter;
        this.log = log;
        Browser.addMessageListener(this::onMessage);
    }

    private void onMessage(boolean fromParent, String origin, String json) {
        if (!filter.accepts(fromParent, origin)) {
            log.debug("postMessage: ignored a message from " + (fromParent ? "the parent at " + origin : "another window"));
            return;
        }
        if (json == null) {
            log.warn("postMessage: dropped a host message that is not an object");
            return;
        }
        JsonObject message;
        try {
            message = Json.parseObject(json);
        } catch (JsonException e) {
            log.warn("postMessage: dropped a host message: " + e.getMessage());
            return;
        }
        if (receiver != null) {
            receiver.accept(message);
        }
    }

    @Override
    public void send(JsonObject message) {
        Browser.postToParent(message.toJson(), filter.parentOrigin());
    }

    @Override
    public void setReceiver(Consumer<JsonObject> receiver) {
        this.receiver = receiver;
    }
}
