package org.conclave.client;

import java.security.SecureRandom;
import org.conclave.client.call.CallController;
import org.conclave.client.call.CallState;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.SenderKeys;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.MembershipManager;
import org.conclave.client.rtc.Participants;
import org.conclave.client.util.Clock;
import org.conclave.client.widgetapi.WidgetAction;
import org.conclave.client.widgetapi.WidgetApiException;
import org.conclave.client.widgetapi.WidgetRoomActions;
import org.conclave.client.call.Theme;
import org.conclave.client.jso.Browser;
import org.conclave.client.platform.BrowserScheduler;
import org.conclave.client.platform.ConsoleLog;
import org.conclave.client.platform.PostMessageTransport;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.ui.LobbyView;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.CallWidgetCapabilities;
import org.conclave.client.widgetapi.MessageFilter;
import org.conclave.client.widgetapi.Origins;
import org.conclave.client.widgetapi.WidgetApiClient;
import org.conclave.client.widgetapi.WidgetParams;
import org.conclave.client.widgetapi.WidgetSession;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The widget page's composition root: reads the URL as Element Web builds it, starts listening to
 * the host before anything else, then wires the pure layers to the browser and renders.
 */
public final class Main {
    private Main() {}

    /** Entry point, called by {@code boot.js}. */
    public static void main(String[] args) {
        Location location = Window.current().getLocation();
        WidgetParams params = WidgetParams.parse(location.getSearch(), location.getHash());
        Log log = new ConsoleLog("true".equals(params.get("debug")));
        String parentOrigin = Origins.of(params.get("parentUrl"));

        // Listen first: a waitForIframeLoad host may ask for capabilities as soon as we load.
        WidgetApiClient client = null;
        if (params.isWidgetMode() && parentOrigin != null) {
            PostMessageTransport transport = new PostMessageTransport(new MessageFilter(parentOrigin), log);
            String requestPrefix = "conclave-" + Integer.toHexString(Browser.randomInt());
            client = new WidgetApiClient(params.get("widgetId"), transport, new BrowserScheduler(), log, requestPrefix);
        }

        String userId = params.get("userId");
        String deviceId = params.get("deviceId");
        String roomId = params.get("roomId");
        CallState state = new CallState(userId, deviceId, roomId);
        state.setTheme(Theme.fromName(params.get("theme")));
        HTMLDocument document = HTMLDocument.current();
        HTMLElement app = document.getElementById("app");
        LobbyView lobby = new LobbyView(document, app, state);

        String problem = startupProblem(params, parentOrigin);
        if (problem != null) {
            log.warn(problem);
            state.setFailed(problem);
            return;
        }
        WidgetSession session = new WidgetSession(client, CallWidgetCapabilities.request(userId, deviceId, roomId), log);
        RoomState room = new RoomState(roomId, log);
        CallController call = wireCall(client, session, state, room, log);
        lobby.setActions(call::join, call::hangUp);
        room.addListener((type, stateKey, event) -> {
            if ("m.room.name".equals(type)) {
                state.setRoomName(room.roomName());
            }
        });
        session.setListener(new WidgetSession.Listener() {
            @Override
            public void ready(java.util.List<String> approved) {
                log.info("widget api: ready with " + approved.size() + " capabilities");
                state.setReady();
            }

            @Override
            public void themeChanged(String name) {
                state.setTheme(Theme.fromName(name));
            }

            @Override
            public void stateEvent(JsonObject event) {
                room.apply(event);
            }

            @Override
            public void toDevice(JsonObject message) {
                call.toDevice(message);
            }
        });
        session.start();
    }

    /** Membership, keys and the call controller, and the host's element actions to and from it. */
    private static CallController wireCall(WidgetApiClient client, WidgetSession session, CallState state,
            RoomState room, Log log) {
        BrowserScheduler scheduler = new BrowserScheduler();
        Clock clock = Browser::now;
        WidgetRoomActions actions = new WidgetRoomActions(client);
        MembershipManager membership = new MembershipManager(actions, room, state.userId(), state.deviceId(),
                CallMembership.meshTransport(), scheduler, clock, log);
        KeyManager keys = new KeyManager(actions, state.roomId(), state.userId(), state.deviceId(),
                new SenderKeys(new SecureRandom()), scheduler, clock, log);
        CallController call = new CallController(state, room, membership, keys, new Participants(log), scheduler,
                clock, new CallController.HostNotifier() {
                    @Override
                    public void joined() {
                        notifyHost(client, WidgetAction.ELEMENT_JOIN, log);
                        session.setAlwaysOnScreen(true, ignoring(WidgetAction.SET_ALWAYS_ON_SCREEN, log));
                    }

                    @Override
                    public void hungUp() {
                        notifyHost(client, WidgetAction.ELEMENT_HANGUP, log);
                        session.setAlwaysOnScreen(false, ignoring(WidgetAction.SET_ALWAYS_ON_SCREEN, log));
                    }
                }, log);
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
            return new JsonObject();
        });
        client.handle(WidgetAction.ELEMENT_DEVICE_MUTE, data -> new JsonObject());
        return call;
    }

    private static void notifyHost(WidgetApiClient client, String action, Log log) {
        client.request(action, new JsonObject(), ignoring(action, log));
    }

    /** A callback that only logs the outcome of a fire-and-forget request. */
    private static WidgetApiClient.ResponseCallback ignoring(String action, Log log) {
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

    /** Why the widget cannot start from these parameters, or {@code null}. */
    static String startupProblem(WidgetParams params, String parentOrigin) {
        if (!params.isWidgetMode()) {
            return "Conclave runs inside a Matrix client. Open it from a room in Element.";
        }
        if (parentOrigin == null) {
            return "The parentUrl parameter is not an http(s) URL.";
        }
        if (params.get("userId", null) == null || params.get("deviceId", null) == null || params.get("roomId", null) == null) {
            return "The widget URL lacks userId, deviceId or roomId.";
        }
        return null;
    }
}
