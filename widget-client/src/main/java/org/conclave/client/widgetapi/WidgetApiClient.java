package org.conclave.client.widgetapi;

import java.util.HashMap;
import java.util.Map;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;

/**
 * The widget's end of the Widget API: sends requests with ids and timeouts, matches replies, and
 * answers every host request: by a registered {@link RequestHandler}, or with an error reply for an
 * action nobody handles.
 *
 * <p>Envelopes for another widget id are dropped without a reply. The log names actions and ids,
 * never {@code data}: to-device contents and tokens travel there.
 */
public final class WidgetApiClient {
    /** How long either side waits for a reply (matrix-widget-api's own limit). */
    public static final double REQUEST_TIMEOUT_MS = 10_000;

    /** Answers one host request. Throwing sends an error reply with the exception's message. */
    @FunctionalInterface
    public interface RequestHandler {
        /** The {@code response} for the request's {@code data} (never null: use an empty object). */
        JsonObject handle(JsonObject data);
    }

    /** Receives the outcome of a request this widget sent. Exactly one method is called, once. */
    public interface ResponseCallback {
        /** The host answered with {@code response} (no {@code error} member). */
        void onResponse(JsonObject response);

        /** The host answered with an error, or did not answer in time. */
        void onError(WidgetApiException error);
    }

    private final String widgetId;
    private final Transport transport;
    private final Scheduler scheduler;
    private final Log log;
    private final Map<String, RequestHandler> handlers = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final String requestIdPrefix;
    private int nextRequest;

    private static final class Pending {
        final String action;
        final ResponseCallback callback;
        Scheduler.Cancellable timeout;

        Pending(String action, ResponseCallback callback) {
            this.action = action;
            this.callback = callback;
        }
    }

    /**
     * A client for {@code widgetId}. It starts receiving at once, so build it before anything can
     * arrive (the host may ask for capabilities before the widget has said anything).
     */
    public WidgetApiClient(String widgetId, Transport transport, Scheduler scheduler, Log log, String requestIdPrefix) {
        if (widgetId == null || widgetId.isEmpty()) {
            throw new IllegalArgumentException("widgetId is required");
        }
        this.widgetId = widgetId;
        this.transport = transport;
        this.scheduler = scheduler;
        this.log = log;
        this.requestIdPrefix = requestIdPrefix;
        transport.setReceiver(new Transport.Receiver() {
            @Override
            public void message(JsonObject message) {
                receive(message);
            }

            @Override
            public void unreadable(JsonObject envelope, String reason) {
                receiveUnreadable(envelope, reason);
            }
        });
    }

    /** The widget id this client answers for. */
    public String widgetId() {
        return widgetId;
    }

    /** Registers the handler for a host action, replacing any earlier one. */
    public void handle(String action, RequestHandler handler) {
        handlers.put(action, handler);
    }

    /**
     * Sends a request; {@code callback} hears the reply or a timeout after 10 s (never before this
     * returns). Returns the request id, which a later host request may refer to.
     */
    public String request(String action, JsonObject data, ResponseCallback callback) {
        String requestId = requestIdPrefix + "-" + (++nextRequest);
        Pending p = new Pending(action, callback);
        pending.put(requestId, p);
        p.timeout = scheduler.schedule(REQUEST_TIMEOUT_MS, () -> {
            if (pending.remove(requestId) != null) {
                log.warn("widget api: no reply to " + action + " (" + requestId + ") in 10 s");
                callback.onError(new WidgetApiException(WidgetApiException.Reason.TIMEOUT, action + " timed out"));
            }
        });
        transport.send(WidgetMessage.request(widgetId, requestId, action, data));
        return requestId;
    }

    /** Number of requests still waiting for a reply. */
    public int pendingCount() {
        return pending.size();
    }

    /** Handles one envelope from the transport. Never throws. */
    void receive(JsonObject raw) {
        WidgetMessage m = WidgetMessage.parse(raw);
        if (m == null) {
            // A request with an id but, say, no string action still gets an answer.
            JsonObject envelope = new JsonObject().put("api", raw.get("api")).put("widgetId", raw.get("widgetId"))
                    .put("requestId", raw.get("requestId")).put("action", raw.get("action"))
                    .put("hasResponse", raw.has("response"));
            receiveUnreadable(envelope, "api, widgetId, requestId and action must be strings");
            return;
        }
        if (!widgetId.equals(m.widgetId)) {
            log.warn("widget api: dropped " + m.action + " for another widget id");
            return;
        }
        if (WidgetAction.API_FROM_WIDGET.equals(m.api) && m.isReply()) {
            completeRequest(m);
        } else if (WidgetAction.API_TO_WIDGET.equals(m.api) && !m.isReply()) {
            answerRequest(m);
        } else {
            log.debug("widget api: ignored " + m.api + " " + m.action + (m.isReply() ? " reply" : ""));
        }
    }

    /**
     * A message that could not be read whole: a host request with an id gets an error reply (its
     * data cannot be echoed); a reply to one of ours fails that request; anything else is dropped.
     */
    void receiveUnreadable(JsonObject envelope, String reason) {
        String api = envelope.getString("api");
        String requestId = envelope.getString("requestId");
        String action = envelope.getString("action");
        boolean reply = envelope.getBoolean("hasResponse", false);
        if (!widgetId.equals(envelope.getString("widgetId")) || requestId == null) {
            log.warn("widget api: dropped a message without widget id or request id (" + reason + ")");
            return;
        }
        log.warn("widget api: " + (action == null ? "a message" : action) + " (" + requestId + ") unreadable: " + reason);
        if (WidgetAction.API_TO_WIDGET.equals(api) && !reply) {
            JsonObject answer = new JsonObject().put("api", api).put("widgetId", widgetId).put("requestId", requestId);
            if (action != null) {
                answer.put("action", action);
            }
            transport.send(answer.put("data", new JsonObject()).put("response",
                    new JsonObject().put("error", new JsonObject().put("message", "Unreadable request: " + reason))));
        } else if (WidgetAction.API_FROM_WIDGET.equals(api) && reply) {
            Pending p = pending.remove(requestId);
            if (p != null) {
                p.timeout.cancel();
                p.callback.onError(new WidgetApiException(WidgetApiException.Reason.MALFORMED,
                        p.action + ": unreadable reply (" + reason + ")"));
            }
        }
    }

    private void completeRequest(WidgetMessage m) {
        Pending p = pending.remove(m.requestId);
        if (p == null) {
            log.debug("widget api: reply to unknown request " + m.requestId);
            return;
        }
        p.timeout.cancel();
        JsonObject response = m.response;
        if (response == null) {
            p.callback.onError(new WidgetApiException(WidgetApiException.Reason.MALFORMED, p.action + ": reply is not an object"));
            return;
        }
        JsonObject error = response.getObject("error");
        if (error != null) {
            p.callback.onError(refusal(p.action, error));
            return;
        }
        p.callback.onResponse(response);
    }

    /**
     * An error reply as an exception: the message, and the homeserver's error code and retry delay
     * where the host passes them on (MSC2762's {@code matrix_api_error}, as Element Web does), or
     * where only the message names the code ({@code "M_NOT_FOUND: …"}).
     */
    static WidgetApiException refusal(String action, JsonObject error) {
        String message = error.getString("message");
        String errcode = null;
        double retryAfterMs = Double.NaN;
        JsonObject apiError = error.getObject("matrix_api_error");
        JsonObject matrixResponse = apiError == null ? null : apiError.getObject("response");
        if (matrixResponse != null) {
            errcode = matrixResponse.getString("errcode");
            retryAfterMs = matrixResponse.getNumber("retry_after_ms", Double.NaN);
        }
        if (errcode == null && message != null && message.startsWith("M_")) {
            int end = 2;
            while (end < message.length() && end < 64 && isErrcodeChar(message.charAt(end))) {
                end++;
            }
            errcode = message.substring(0, end);
        }
        if (errcode != null && !isErrcode(errcode)) {
            errcode = null;
        }
        if (retryAfterMs < 0) {
            retryAfterMs = Double.NaN;
        } else if (retryAfterMs > MAX_RETRY_AFTER_MS) {
            retryAfterMs = MAX_RETRY_AFTER_MS;
        }
        return new WidgetApiException(WidgetApiException.Reason.ERROR_REPLY,
                action + " refused: " + (message == null ? "no message" : message), errcode, retryAfterMs);
    }

    private static boolean isErrcode(String s) {
        if (s.length() < 3 || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isErrcodeChar(s.charAt(i)) && s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isErrcodeChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    /** A homeserver's retry delay is taken up to this (a hostile host cannot stall a call for hours). */
    static final double MAX_RETRY_AFTER_MS = 60_000;

    private void answerRequest(WidgetMessage m) {
        RequestHandler handler = handlers.get(m.action);
        if (handler == null) {
            log.warn("widget api: unknown action " + m.action);
            transport.reply(m.raw(), WidgetMessage.error("Unknown or unsupported action: " + m.action));
            return;
        }
        if (m.data == null) {
            transport.reply(m.raw(), WidgetMessage.error(m.action + ": data must be an object"));
            return;
        }
        JsonObject response;
        try {
            response = handler.handle(m.data);
        } catch (RuntimeException e) {
            log.warn("widget api: " + m.action + " failed: " + e.getMessage());
            transport.reply(m.raw(), WidgetMessage.error(m.action + ": " + e.getMessage()));
            return;
        }
        transport.reply(m.raw(), response == null ? new JsonObject() : response);
    }
}
