package org.conclave.client.widgetapi;

import org.conclave.client.util.JsonObject;

/**
 * A Widget API envelope: {@code {api, widgetId, requestId, action, data, response?}}. A reply is
 * the request echoed back with {@code response} added, keeping the request's {@code api}.
 */
public final class WidgetMessage {
    public final String api;
    public final String widgetId;
    public final String requestId;
    public final String action;
    public final JsonObject data;
    /** The response of a reply, or {@code null} for a request. */
    public final JsonObject response;
    private final JsonObject raw;

    private WidgetMessage(JsonObject raw) {
        this.raw = raw;
        this.api = raw.getString("api");
        this.widgetId = raw.getString("widgetId");
        this.requestId = raw.getString("requestId");
        this.action = raw.getString("action");
        this.data = raw.getObject("data");
        this.response = raw.getObject("response");
    }

    /**
     * Reads an envelope, or returns {@code null} when it lacks a string {@code api},
     * {@code widgetId}, {@code requestId} or {@code action} (then it cannot even be answered).
     */
    public static WidgetMessage parse(JsonObject raw) {
        WidgetMessage m = new WidgetMessage(raw);
        if (m.api == null || m.widgetId == null || m.requestId == null || m.action == null) {
            return null;
        }
        return m;
    }

    /** A new request envelope. */
    public static JsonObject request(String widgetId, String requestId, String action, JsonObject data) {
        return new JsonObject()
                .put("api", WidgetAction.API_FROM_WIDGET)
                .put("widgetId", widgetId)
                .put("requestId", requestId)
                .put("action", action)
                .put("data", data);
    }

    /** Whether this is a reply (it carries a {@code response}). */
    public boolean isReply() {
        return raw.has("response");
    }

    /** The envelope as received. */
    public JsonObject raw() {
        return raw;
    }

    /** {@code request} echoed back with {@code response}: a reply. */
    public static JsonObject reply(JsonObject request, JsonObject response) {
        JsonObject copy = new JsonObject();
        for (String name : request.names()) {
            copy.put(name, request.get(name));
        }
        return copy.put("response", response);
    }

    /** An error response: {@code {error: {message}}}. */
    public static JsonObject error(String message) {
        return new JsonObject().put("error", new JsonObject().put("message", message));
    }
}
