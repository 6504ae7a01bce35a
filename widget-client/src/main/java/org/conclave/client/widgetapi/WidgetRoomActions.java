package org.conclave.client.widgetapi;

import org.conclave.client.util.JsonObject;

/** {@link RoomActions} over the Widget API: each call is one request with the client's timeout. */
public final class WidgetRoomActions implements RoomActions {
    private final WidgetApiClient client;

    public WidgetRoomActions(WidgetApiClient client) {
        this.client = client;
    }

    @Override
    public void sendState(String type, String stateKey, JsonObject content, Callback callback) {
        client.request(WidgetAction.SEND_EVENT,
                new JsonObject().put("type", type).put("state_key", stateKey).put("content", content), adapt(callback));
    }

    @Override
    public void sendDelayedState(String type, String stateKey, JsonObject content, double delayMillis,
            Callback callback) {
        client.request(WidgetAction.SEND_EVENT, new JsonObject().put("type", type).put("state_key", stateKey)
                .put("content", content).put("delay", delayMillis), adapt(callback));
    }

    @Override
    public void updateDelayedEvent(String delayId, String action, Callback callback) {
        client.request(WidgetAction.UPDATE_DELAYED_EVENT,
                new JsonObject().put("delay_id", delayId).put("action", action), adapt(callback));
    }

    @Override
    public void sendEvent(String type, JsonObject content, Callback callback) {
        client.request(WidgetAction.SEND_EVENT, new JsonObject().put("type", type).put("content", content), adapt(callback));
    }

    @Override
    public void sendToDevice(String type, boolean encrypted, JsonObject messages, Callback callback) {
        client.request(WidgetAction.SEND_TO_DEVICE,
                new JsonObject().put("type", type).put("encrypted", encrypted).put("messages", messages),
                adapt(callback));
    }

    private static WidgetApiClient.ResponseCallback adapt(Callback callback) {
        return new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                callback.done(response);
            }

            @Override
            public void onError(WidgetApiException error) {
                if (error.reason == WidgetApiException.Reason.TIMEOUT) {
                    callback.timedOut(error.getMessage());
                } else if (error.reason == WidgetApiException.Reason.ERROR_REPLY) {
                    callback.refused(error.getMessage(), error.errcode, error.retryAfterMs);
                } else {
                    callback.failed(error.getMessage());
                }
            }
        };
    }
}
