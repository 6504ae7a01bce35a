package org.conclave.client.platform;

import org.conclave.client.jso.Browser;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.MessageFilter;
import org.conclave.client.widgetapi.Transport;
import org.teavm.jso.JSObject;

/**
 * {@link Transport} over {@code window.postMessage} to the parent frame. Listens from construction
 * on (the host may speak first), reads only what {@link MessageFilter} admits, and posts only to
 * the parent's origin, never {@code "*"}.
 */
public final class PostMessageTransport implements Transport {
    /** Messages at least this long get their handling time logged (a big room's first state). */
    static final int TIMED_CHARS = 256 * 1024;

    private final MessageFilter filter;
    private final Log log;
    private Receiver receiver;
    /** The message being delivered, parsed and as the host sent it: replies echo the latter. */
    private JsonObject delivering;
    private JSObject deliveringRaw;

    /** Starts listening for the host at {@code filter.parentOrigin()}. */
    public PostMessageTransport(MessageFilter filter, Log log) {
        this.filter = filter;
        this.log = log;
        Browser.addMessageListener(this::onMessage, MAX_MESSAGE_CHARS);
    }

    private void onMessage(boolean fromParent, String origin, String envelopeJson, String json, String problem,
            JSObject raw) {
        if (!filter.accepts(fromParent, origin)) {
            log.debug("postMessage: ignored a message from " + (fromParent ? "the parent at " + origin : "another window"));
            return;
        }
        if (envelopeJson == null) {
            log.warn("postMessage: dropped a host message that is not an object");
            return;
        }
        if (receiver == null) {
            return;
        }
        double started = Browser.performanceNow();
        JsonObject message = null;
        String why = problem;
        if (why == null) {
            try {
                message = Json.parseObject(json, MAX_MESSAGE_CHARS);
            } catch (JsonException e) {
                why = e.getMessage();
            }
        }
        if (message == null) {
            receiver.unreadable(Json.parseObject(envelopeJson), why);
            return;
        }
        double parsed = Browser.performanceNow();
        delivering = message;
        deliveringRaw = raw;
        try {
            receiver.message(message);
        } finally {
            delivering = null;
            deliveringRaw = null;
        }
        if (json.length() >= TIMED_CHARS) {
            double done = Browser.performanceNow();
            log.info("postMessage: " + message.getString("action") + " of " + (json.length() >> 10) + " K characters took "
                    + Math.round(done - started) + " ms (" + Math.round(parsed - started) + " ms parsing)");
        }
    }

    @Override
    public void send(JsonObject message) {
        Browser.postToParent(message.toJson(), filter.parentOrigin());
    }

    @Override
    public void reply(JsonObject request, JsonObject response) {
        if (request == delivering) {
            // Echo the host's own object: a big request (a room's whole state) is not serialised again.
            Browser.replyToParent(deliveringRaw, response.toJson(), filter.parentOrigin());
        } else {
            Transport.super.reply(request, response);
        }
    }

    @Override
    public void setReceiver(Receiver receiver) {
        this.receiver = receiver;
    }
}
