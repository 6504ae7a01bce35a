package org.conclave.client.platform;

import org.conclave.client.call.CallController;
import org.conclave.client.call.MediaState;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.WidgetAction;
import org.conclave.client.widgetapi.WidgetApiClient;
import org.conclave.client.widgetapi.WidgetApiException;
import org.conclave.client.widgetapi.WidgetSession;

/**
 * Element Web's element actions both ways: the call tells the host it joined or hung up
 * ({@code io.element.join}, {@code im.vector.hangup}, and always-on-screen while in the call),
 * and the host joins, hangs up, closes and mutes devices through the widget
 * ({@code io.element.device_mute} with {@code {}} asks for the state).
 */
public final class HostActions implements CallController.HostNotifier {
    private final WidgetApiClient client;
    private final WidgetSession session;
    private final Log log;

    public HostActions(WidgetApiClient client, WidgetSession session, Log log) {
        this.client = client;
        this.session = session;
        this.log = log;
    }

    @Override
    public void joined() {
        client.request(WidgetAction.ELEMENT_JOIN, new JsonObject(), ignoring(WidgetAction.ELEMENT_JOIN));
        session.setAlwaysOnScreen(true, ignoring(WidgetAction.SET_ALWAYS_ON_SCREEN));
    }

    @Override
    public void hungUp() {
        client.request(WidgetAction.ELEMENT_HANGUP, new JsonObject(), ignoring(WidgetAction.ELEMENT_HANGUP));
        session.setAlwaysOnScreen(false, ignoring(WidgetAction.SET_ALWAYS_ON_SCREEN));
    }

    /** Takes the host's actions for {@code call} and the devices of {@code local}. */
    public void handle(CallController call, LocalMedia local) {
        client.handle(WidgetAction.ELEMENT_JOIN, data -> {
            call.join();
            return new JsonObject();
        });
        client.handle(WidgetAction.ELEMENT_HANGUP, data -> {
            call.hangUp();
            return new JsonObject();
        });
        client.handle(WidgetAction.ELEMENT_CLOSE, data -> {
            call.hangUp();
            local.release();
            return new JsonObject();
        });
        client.handle(WidgetAction.ELEMENT_DEVICE_MUTE, data -> {
            applyToggle(data, "audio_enabled", local::setMic);
            applyToggle(data, "video_enabled", local::setCamera);
            MediaState now = local.state();
            return new JsonObject().put("audio_enabled", now.micOn()).put("video_enabled", now.cameraOn());
        });
    }

    private interface Toggle {
        void set(boolean on);
    }

    /** Applies {@code data[name]} when it is a boolean. */
    private static void applyToggle(JsonObject data, String name, Toggle toggle) {
        JsonValue value = data == null ? null : data.get(name);
        Boolean on = value == null ? null : value.asBoolean();
        if (on != null) {
            toggle.set(on);
        }
    }

    /** A callback that only logs the outcome of a fire-and-forget request. */
    private WidgetApiClient.ResponseCallback ignoring(String action) {
        return new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                log.debug("widget api: host took " + action);
            }

            @Override
            public void onError(WidgetApiException error) {
                log.warn("widget api: host refused " + action + ": " + error.getMessage());
            }
        };
    }
}
