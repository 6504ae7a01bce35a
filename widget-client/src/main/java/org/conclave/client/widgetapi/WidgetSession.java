package org.conclave.client.widgetapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;

/**
 * The widget side of the Widget API handshake and of the host's pushes (protocol.md §2): answers
 * {@code capabilities}, {@code supported_api_versions}, {@code notify_capabilities}, theme,
 * language and visibility changes, and hands room state, room events and to-device messages to a
 * {@link Listener}. Works with hosts that wait for the iframe's load event and with hosts that wait
 * for {@code content_loaded}.
 */
public final class WidgetSession {
    /** API versions this widget speaks; {@code msc2762_update_state} makes the host push state. */
    static final String[] SUPPORTED_VERSIONS = {
        "0.0.1", "0.0.2", "org.matrix.msc2762", "org.matrix.msc2762_update_state", "org.matrix.msc2871",
        "org.matrix.msc2873", "org.matrix.msc2876", "org.matrix.msc2974", "org.matrix.msc3819", "org.matrix.msc4157", "town.robin.msc3846"
    };

    /** What the session reports; every method has a do-nothing default. */
    public interface Listener {
        /** The host told us which capabilities it approved: the handshake is complete. */
        default void ready(List<String> approved) {}

        /** The host's theme changed ({@code theme_change {name}}). */
        default void themeChanged(String name) {}

        /** The host's language changed. */
        default void languageChanged(String lang) {}

        /** A current-state event from {@code update_state}. */
        default void stateEvent(JsonObject event) {}

        /** A timeline event from {@code send_event} (state events arrive here too, as timeline). */
        default void roomEvent(JsonObject event) {}

        /** A to-device message, already decrypted by the host. */
        default void toDevice(JsonObject message) {}

        /** The host approved a new set of capabilities after a renegotiation (MSC2974). */
        default void capabilitiesChanged(List<String> approved) {}

        /** The host's TURN servers, first or changed (MSC3846 {@code update_turn_servers}). */
        default void turnServers(TurnServers servers) {}
    }

    /** Where the handshake is. */
    public enum Phase {
        /** Waiting for the host to ask for capabilities. */
        CONNECTING,
        /** Capabilities sent, waiting for {@code notify_capabilities}. */
        NEGOTIATING,
        /** The host approved capabilities. */
        READY
    }

    private final WidgetApiClient client;
    private List<String> requested;
    private final Log log;
    private Listener listener = new Listener() {};
    private Phase phase = Phase.CONNECTING;
    private List<String> approved = Collections.emptyList();

    /** A session that will request {@code requested} capabilities. */
    public WidgetSession(WidgetApiClient client, List<String> requested, Log log) {
        this.client = client;
        this.requested = Collections.unmodifiableList(new ArrayList<>(requested));
        this.log = log;
        client.handle(WidgetAction.CAPABILITIES, data -> {
            if (phase == Phase.CONNECTING) {
                phase = Phase.NEGOTIATING;
            }
            return new JsonObject().put("capabilities", JsonArray.ofStrings(this.requested));
        });
        client.handle(WidgetAction.SUPPORTED_API_VERSIONS, data -> new JsonObject()
                .put("supported_versions", JsonArray.ofStrings(java.util.Arrays.asList(SUPPORTED_VERSIONS))));
        client.handle(WidgetAction.NOTIFY_CAPABILITIES, this::onNotifyCapabilities);
        client.handle(WidgetAction.THEME_CHANGE, data -> {
            String name = data.getString("name");
            if (name == null) {
                throw new IllegalArgumentException("theme_change needs a string name");
            }
            listener.themeChanged(name);
            return new JsonObject();
        });
        client.handle(WidgetAction.LANGUAGE_CHANGE, data -> {
            String lang = data.getString("lang");
            if (lang != null) {
                listener.languageChanged(lang);
            }
            return new JsonObject();
        });
        client.handle(WidgetAction.VISIBILITY, data -> new JsonObject());
        client.handle(WidgetAction.UPDATE_STATE, this::onUpdateState);
        client.handle(WidgetAction.SEND_EVENT, data -> {
            listener.roomEvent(data);
            return new JsonObject();
        });
        client.handle(WidgetAction.SEND_TO_DEVICE, data -> {
            listener.toDevice(data);
            return new JsonObject();
        });
        client.handle(WidgetAction.UPDATE_TURN_SERVERS, data -> {
            TurnServers servers = TurnServers.parse(data);
            log.info("widget api: TURN servers " + servers.uris());
            listener.turnServers(servers);
            return new JsonObject();
        });
    }

    /** Sets the listener (one; later calls replace it). */
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /**
     * Announces the widget. A host with {@code waitForIframeLoad: false} waits for this; one with
     * {@code true} may already be asking for capabilities, and then it is not sent.
     */
    public void start() {
        if (phase != Phase.CONNECTING) {
            return;
        }
        client.request(WidgetAction.CONTENT_LOADED, new JsonObject(), new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                log.debug("widget api: host acknowledged content_loaded");
            }

            @Override
            public void onError(WidgetApiException error) {
                // A waitForIframeLoad host answers content_loaded with an error; that is expected.
                log.debug("widget api: content_loaded not taken: " + error.getMessage());
            }
        });
    }

    /** The handshake's phase. */
    public Phase phase() {
        return phase;
    }

    /** The capabilities the host approved (empty before {@link Phase#READY}). */
    public List<String> approved() {
        return approved;
    }

    /** The capabilities this widget asks for. */
    public List<String> requested() {
        return requested;
    }

    private JsonObject onNotifyCapabilities(JsonObject data) {
        JsonArray list = data.getArray("approved");
        if (list == null) {
            throw new IllegalArgumentException("notify_capabilities needs an approved array");
        }
        approved = Collections.unmodifiableList(Capability.strings(list));
        boolean first = phase != Phase.READY;
        phase = Phase.READY;
        List<String> missing = new ArrayList<>(requested);
        missing.removeAll(approved);
        if (!missing.isEmpty()) {
            log.warn("widget api: host did not approve " + missing.size() + " capabilities: " + missing);
        }
        if (first) {
            listener.ready(approved);
            if (approved.contains(Capability.TURN_SERVERS)) {
                watchTurnServers();
            }
        } else {
            listener.capabilitiesChanged(approved);
        }
        return new JsonObject();
    }

    /**
     * Asks the host to push its TURN servers ({@code watch_turn_servers}, MSC3846); they arrive as
     * {@code update_turn_servers}. A host without any answers with an error, or not at all.
     */
    private void watchTurnServers() {
        client.request(WidgetAction.WATCH_TURN_SERVERS, new JsonObject(), new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                log.debug("widget api: watching TURN servers");
            }

            @Override
            public void onError(WidgetApiException error) {
                log.info("widget api: no TURN servers from the host (" + error.getMessage() + ")");
            }
        });
    }

    /**
     * Asks the host for more capabilities (MSC2974). The host answers this request, then runs the
     * capability exchange again and reports the result with {@code notify_capabilities}.
     */
    public void requestMoreCapabilities(List<String> more, WidgetApiClient.ResponseCallback callback) {
        List<String> all = new ArrayList<>(requested);
        for (String capability : more) {
            if (!all.contains(capability)) {
                all.add(capability);
            }
        }
        requested = Collections.unmodifiableList(all);
        client.request(WidgetAction.REQUEST_CAPABILITIES, new JsonObject().put("capabilities", JsonArray.ofStrings(more)),
                callback);
    }

    /** {@code set_always_on_screen}: keep the widget visible while the person is in the call. */
    public void setAlwaysOnScreen(boolean value, WidgetApiClient.ResponseCallback callback) {
        client.request(WidgetAction.SET_ALWAYS_ON_SCREEN, new JsonObject().put("value", value), callback);
    }

    private JsonObject onUpdateState(JsonObject data) {
        JsonArray state = data.getArray("state");
        if (state == null) {
            throw new IllegalArgumentException("update_state needs a state array");
        }
        for (JsonValue v : state.items()) {
            JsonObject event = v.asObject();
            if (event == null) {
                log.warn("widget api: update_state carried a non-object; skipped");
                continue;
            }
            listener.stateEvent(event);
        }
        return new JsonObject();
    }
}
