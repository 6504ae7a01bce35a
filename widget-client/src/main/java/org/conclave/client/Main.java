package org.conclave.client;

import java.security.SecureRandom;
import java.util.Set;
import org.conclave.client.call.CallController;
import org.conclave.client.call.CallState;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.SenderKeys;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.MembershipManager;
import org.conclave.client.rtc.Participants;
import org.conclave.client.util.Clock;
import org.conclave.client.util.Countdown;
import org.conclave.client.widgetapi.RoomActions;
import org.conclave.client.widgetapi.WidgetRoomActions;
import org.conclave.client.call.Theme;
import org.conclave.client.jso.Browser;
import org.conclave.client.platform.BrowserScheduler;
import org.conclave.client.platform.ConsoleLog;
import org.conclave.client.platform.PostMessageTransport;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.jso.Rtc;
import org.conclave.client.mesh.MeshCall;
import org.conclave.client.platform.FrameWorkerClient;
import org.conclave.client.platform.LocalMedia;
import org.conclave.client.platform.MeshMedia;
import org.conclave.client.platform.CallMedia;
import org.conclave.client.platform.HostActions;
import org.conclave.client.platform.SfuDiscovery;
import org.conclave.client.platform.SfuMedia;
import org.conclave.client.platform.SfuTokenClient;
import org.conclave.client.sfu.SfuCall;
import org.conclave.client.call.TransportRule;
import org.conclave.client.widgetapi.OpenIdRequests;
import org.conclave.client.ui.CallView;
import org.teavm.jso.JSObject;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.CallWidgetCapabilities;
import org.conclave.client.widgetapi.MessageFilter;
import org.conclave.client.widgetapi.Origins;
import org.conclave.client.widgetapi.WidgetAction;
import org.conclave.client.widgetapi.WidgetApiClient;
import org.conclave.client.widgetapi.WidgetParams;
import org.conclave.client.widgetapi.TurnServers;
import org.conclave.client.i18n.Msg;
import org.conclave.client.i18n.Text;
import org.conclave.client.platform.Avatars;
import org.conclave.client.platform.Translations;
import org.conclave.client.util.Numbers;
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

        Translations translations = new Translations(state, log);
        translations.use(params.get("lang"));
        state.setFontScale(fontScale(params.get("fontScale")));
        Text problem = startupProblem(params, parentOrigin);
        if (problem != null) {
            new CallView(document, app, state, NO_STREAMS);
            log.warn(problem.english());
            state.setFailed(problem);
            return;
        }
        BrowserScheduler scheduler = new BrowserScheduler();
        LocalMedia local = new LocalMedia(log);
        FrameWorkerClient frames = new FrameWorkerClient("js/frame-worker-boot.js", log);
        boolean encodedStreams = "streams".equals(params.get("frameTransform")) || !Rtc.hasScriptTransform();
        if (encodedStreams) {
            log.info("frames: using createEncodedStreams()");
            Rtc.forceEncodedStreams();
        }
        MeshMedia meshMedia = new MeshMedia(local, frames, scheduler, encodedStreams, log);
        CallMedia media = new CallMedia(local, meshMedia, new SfuMedia(local, frames, scheduler, log), frames);
        CallView view = new CallView(document, app, state, new CallView.Streams() {
            @Override
            public JSObject local() {
                return local.stream();
            }

            @Override
            public JSObject localScreen() {
                return local.screenStream();
            }

            @Override
            public JSObject remote(String participant, String streamId) {
                return media.remote(participant, streamId);
            }
        });

        WidgetSession session = new WidgetSession(client, CallWidgetCapabilities.request(userId, deviceId, roomId), log);
        RoomState room = new RoomState(roomId, log);
        new Avatars(client, session, state, log);
        SfuDiscovery discovery = new SfuDiscovery(client, log);
        CallController call = wireCall(client, session, state, room, local, frames, meshMedia, media, discovery,
                scheduler, log);
        frames.onFailure(() -> { // no frame could be protected or read: no call here, and the screen says why
            state.setFailed(Text.of(Msg.FRAME_WORKER_FAILED));
            call.hangUp();
        });
        view.setActions(new CallView.Actions() {
            @Override
            public void join() {
                frames.worker(); // starts loading now, beside the membership's round trip
                call.join();
            }

            @Override
            public void leave() {
                call.hangUp();
            }

            @Override
            public void setMic(boolean on) {
                local.setMic(on);
            }

            @Override
            public void setCamera(boolean on) {
                local.setCamera(on);
            }

            @Override
            public void setScreenShare(boolean on) {
                if (on) {
                    local.startScreenShare();
                } else {
                    local.stopScreenShare();
                }
            }

            @Override
            public void chooseCamera(String deviceId) {
                local.chooseCamera(deviceId);
            }

            @Override
            public void chooseMicrophone(String deviceId) {
                local.chooseMicrophone(deviceId);
            }

            @Override
            public void tilesShown(Set<String> tileIds, int width, int height) {
                call.tilesShown(tileIds, width, height);
            }

            @Override
            public void prepareJoin() {
                frames.worker();
            }

            @Override
            public void raiseHand(boolean up) {
                call.raiseHand(up);
            }

            @Override
            public void react(String emoji, String name) {
                call.react(emoji, name);
            }
        });
        Intent intent = Intent.of(params);
        local.start(intent.camera);
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
                discovery.start(approved);
                if (intent.skipLobby) {
                    frames.worker();
                    call.join();
                }
            }

            @Override
            public void themeChanged(String name) {
                state.setTheme(Theme.fromName(name));
            }

            @Override
            public void languageChanged(String lang) {
                translations.use(lang);
            }

            @Override
            public void stateEvent(JsonObject event) {
                room.apply(event);
            }

            @Override
            public void toDevice(JsonObject message) {
                call.toDevice(message);
            }

            @Override
            public void roomEvent(JsonObject event) {
                call.roomEvent(event);
            }

            @Override
            public void turnServers(TurnServers servers) {
                media.setTurnServers(servers);
            }
        });
        // matrix-widget-api (waitForIframeLoad: false) starts waiting for content_loaded at the
        // iframe's load event and forgets one that came earlier, then logs a timeout after 10 s.
        Browser.afterLoad(session::start);
    }

    /** Streams for a widget that cannot start. */
    private static final CallView.Streams NO_STREAMS = new CallView.Streams() {
        @Override
        public JSObject local() {
            return null;
        }

        @Override
        public JSObject localScreen() {
            return null;
        }

        @Override
        public JSObject remote(String participant, String streamId) {
            return null;
        }
    };

    /**
     * What Element Web's {@code intent} and {@code skipLobby} ask for (protocol.md §1): voice
     * intents start with the camera off; DM intents skip the lobby; explicit flags win.
     */
    static final class Intent {
        final boolean camera;
        final boolean skipLobby;

        Intent(boolean camera, boolean skipLobby) {
            this.camera = camera;
            this.skipLobby = skipLobby;
        }

        static Intent of(WidgetParams params) {
            String intent = params.get("intent", "");
            boolean voice = intent.endsWith("_voice");
            boolean dm = intent.contains("_dm");
            String skip = params.get("skipLobby", null);
            return new Intent(!voice, skip == null ? dm : "true".equals(skip));
        }
    }

    /**
     * Membership, keys, both transports (mesh and SFU, one chosen per call) and the call
     * controller, and the host's element actions to and from it.
     */
    private static CallController wireCall(WidgetApiClient client, WidgetSession session, CallState state,
            RoomState room, LocalMedia local, FrameWorkerClient frames, MeshMedia meshMedia, CallMedia media,
            SfuDiscovery discovery, BrowserScheduler scheduler, Log log) {
        Clock clock = Browser::now;
        WidgetRoomActions actions = new WidgetRoomActions(client);
        MembershipManager membership = new MembershipManager(actions, room, state.userId(), state.deviceId(),
                CallMembership.meshTransport(), scheduler, clock, log);
        KeyManager keys = new KeyManager(actions, state.roomId(), state.userId(), state.deviceId(),
                new SenderKeys(new SecureRandom()), scheduler, clock, log);
        MeshCall mesh = new MeshCall(actions, state.userId(), state.deviceId(), state.roomId(), meshMedia, scheduler,
                clock, Main::randomId, log);
        SfuCall sfu = new SfuCall(state.userId(), state.deviceId(), state.roomId(), media.sfu(),
                new SfuTokenClient(new OpenIdRequests(client, scheduler), state.roomId(), state.deviceId(), log),
                scheduler, clock, log);
        discovery.onFound(service -> {
            // The deployment has an SFU: the SDK, a grant and the frame worker, ahead of the join
            // (the lobby says when all three are in). The worker starts once the SDK has loaded,
            // so that the two do not compile at once.
            state.setSfuLobby(CallState.SfuLobby.PREPARING);
            Runnable all = Countdown.of(3, () -> state.setSfuLobby(CallState.SfuLobby.READY));
            media.sfu().preload(() -> {
                all.run();
                frames.whenReady(all);
            });
            sfu.prefetch(service, all);
        });
        CallController.TransportChoice choice = others -> {
            TransportRule.Decision decision = TransportRule.decide(others, discovery.serviceUrl());
            if (!decision.isLiveKit()) {
                return mesh;
            }
            sfu.useService(decision.serviceUrl());
            sfu.participantsChanged(others); // the SFUs they publish on, connected from the start
            return sfu;
        };
        HostActions host = new HostActions(client, session, log);
        CallController call = new CallController(state, room, membership, keys, choice, frames, media,
                new Participants(log), scheduler, clock, host, log);
        call.setRoomEvents(new CallController.RoomEvents() {
            @Override
            public void send(String type, JsonObject content) {
                actions.sendEvent(type, content, new RoomActions.Callback() {
                    @Override
                    public void done(JsonObject response) {}

                    @Override
                    public void failed(String reason) {
                        log.warn("call: the host did not send " + type + ": " + reason);
                    }
                });
            }

            @Override
            public void read(String type, int limit, java.util.function.Consumer<java.util.List<JsonObject>> done) {
                client.request(WidgetAction.READ_EVENTS, new JsonObject().put("type", type).put("limit", limit),
                        new WidgetApiClient.ResponseCallback() {
                            @Override
                            public void onResponse(JsonObject response) {
                                java.util.List<JsonObject> events = new java.util.ArrayList<>();
                                org.conclave.client.util.JsonArray array = response.getArray("events");
                                for (int i = 0; array != null && i < array.size() && i < limit; i++) {
                                    JsonObject e = array.get(i).asObject();
                                    if (e != null) {
                                        events.add(e);
                                    }
                                }
                                done.accept(events);
                            }

                            @Override
                            public void onError(org.conclave.client.widgetapi.WidgetApiException error) {
                                log.info("call: no " + type + " history from the host: " + error.getMessage());
                                done.accept(new java.util.ArrayList<>());
                            }
                        });
            }
        });
        local.addListener(call::mediaChanged);
        media.setListener(call::mediaChanged);
        frames.onStats(call::mediaChanged);
        Browser.publishDiagnostics(() -> media.diagnostics().toJson());
        host.handle(call, local);
        return call;
    }

    /** 128 random bits as hex: call and session ids. */
    static String randomId() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            String part = Integer.toHexString(Browser.randomInt());
            for (int pad = part.length(); pad < 8; pad++) {
                out.append('0');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** The {@code fontScale} parameter's number (Element Web's text size relative to its default), else 1. */
    static double fontScale(String param) {
        if (param == null || param.isEmpty() || param.length() > 12) {
            return 1;
        }
        for (int i = 0; i < param.length(); i++) {
            char c = param.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return 1;
            }
        }
        try {
            return Numbers.parse(param); // NaN or out of range: CallState.setFontScale keeps 1
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Why the widget cannot start from these parameters, or {@code null}. */
    static Text startupProblem(WidgetParams params, String parentOrigin) {
        if (!params.isWidgetMode()) {
            return Text.of(Msg.NOT_IN_A_CLIENT);
        }
        if (parentOrigin == null) {
            return Text.of(Msg.BAD_PARENT_URL);
        }
        if (params.get("userId", null) == null || params.get("deviceId", null) == null || params.get("roomId", null) == null) {
            return Text.of(Msg.MISSING_IDS);
        }
        return null;
    }
}
