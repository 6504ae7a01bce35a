package org.conclave.client.ui;

import java.util.Set;
import org.conclave.client.call.CallState;
import org.conclave.client.call.Layout;
import org.conclave.client.call.MediaState;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.Ascii;
import org.conclave.client.util.Numbers;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Renders {@link CallState}: the room bar, the lobby ({@link LobbyPanel}), the call (its tiles,
 * {@link TileGrid}, and controls, {@link Controls}), the people in it ({@link PeoplePanel}) and the
 * shortcuts ({@link HelpOverlay}). Every string comes from the state's {@link Messages}; text goes
 * in with {@code textContent} only (names are user-controlled). The theme, language, writing
 * direction and font scale go on {@code <html>}. Keys: {@code m} microphone, {@code v} camera,
 * space push-to-talk, {@code ?} shortcuts.
 */
public final class CallView {
    /** What the buttons and keys do. */
    public interface Actions {
        void join();

        void leave();

        void setMic(boolean on);

        void setCamera(boolean on);

        void setScreenShare(boolean on);

        void chooseCamera(String deviceId);

        void chooseMicrophone(String deviceId);

        /** The remote tiles now on screen (scrolled into the grid's view, page shown) and one's size. */
        void tilesShown(Set<String> tileIds, int width, int height);

        /** Someone is about to press Join (pointer over it, or focus on it): start what joining needs. */
        void prepareJoin();

        /** Raises or lowers our hand. */
        void raiseHand(boolean up);

        /** Sends reaction {@code emoji}, {@code name} as Element Call knows it. */
        void react(String emoji, String name);
    }

    /** Where the tiles' media streams come from. */
    public interface Streams {
        /** Our camera and microphone. */
        JSObject local();

        /** Our screen share, or null. */
        JSObject localScreen();

        /** The stream {@code streamId} of {@code participant}, or null. */
        JSObject remote(String participant, String streamId);
    }

    private final Dom dom;
    private final CallState state;
    private final HTMLElement root;
    private final HTMLElement roomName;
    private final HTMLElement e2eeBadge;
    private final HTMLElement callStatus;
    private final HTMLElement callProblem;
    private final LobbyPanel lobby;
    private final TileGrid tiles;
    private final Controls controls;
    private final HelpOverlay help;
    private final PeoplePanel people;
    private Actions actions;
    private boolean pushToTalk;
    private boolean renderPending;

    /** Builds the view into {@code container} and keeps it in step with {@code state}. */
    public CallView(HTMLDocument document, HTMLElement container, CallState state, Streams streams) {
        this.dom = new Dom(document, () -> actions);
        this.state = state;
        root = dom.el("main", "conclave", "lobby");

        HTMLElement header = dom.el("header", "room-bar", null);
        roomName = dom.el("h1", "room-name", "room-name");
        header.appendChild(roomName);
        e2eeBadge = dom.el("span", "badge e2ee", "e2ee-badge");
        header.appendChild(e2eeBadge);
        root.appendChild(header);

        LobbyPanel.MediaToggles media = new LobbyPanel.MediaToggles() {
            @Override
            public void toggleMic() {
                actions.setMic(!state.media().micOn());
            }

            @Override
            public void toggleCamera() {
                actions.setCamera(!state.media().cameraOn());
            }
        };
        tiles = new TileGrid(dom, state, streams);
        lobby = new LobbyPanel(dom, streams, media, tiles::joinPressed);
        root.appendChild(lobby.element());

        HTMLElement call = dom.el("section", "call-panel", "call-panel");
        call.appendChild(tiles.element());
        call.appendChild(tiles.pager());
        // While our membership is on its way (joining) or its end is (leaving): the lobby's status
        // line says so, but the call screen shows in its place from the click.
        callStatus = dom.el("p", "call-status", "call-status");
        callStatus.setAttribute("role", "status");
        call.appendChild(callStatus);
        callProblem = dom.el("p", "problem call-problem", "call-problem");
        callProblem.setAttribute("role", "status");
        call.appendChild(callProblem);
        help = new HelpOverlay(dom);
        controls = new Controls(dom, media, () -> help.show(!help.shown()), () -> state.media().sharing(), () -> {
            state.layout().choose(tiles.mode() == Layout.Mode.SPOTLIGHT ? Layout.Mode.GRID : Layout.Mode.SPOTLIGHT);
            state.layoutChanged();
        });
        call.appendChild(controls.picker());
        call.appendChild(controls.element());
        root.appendChild(call);
        root.appendChild(help.element());

        people = new PeoplePanel(dom);
        root.appendChild(people.list());
        root.appendChild(people.securityCode());

        container.appendChild(root);
        Browser.onKeys(this::key);
        state.addListener(this::render);
        renderNow();
    }

    /** What the buttons do. */
    public void setActions(Actions actions) {
        this.actions = actions;
        render();
    }

    private boolean key(boolean down, String key, boolean repeat) {
        if (down && "Escape".equals(key) && help.shown()) {
            help.show(false);
            return true;
        }
        if (down && "Escape".equals(key) && controls.pickerShown()) {
            controls.showPicker(false);
            return true;
        }
        if (down && !repeat && "?".equals(key)) {
            help.show(!help.shown());
            return true;
        }
        if (actions == null || state.connection() != CallState.Connection.READY) {
            return false;
        }
        MediaState media = state.media();
        if (" ".equals(key)) {
            if (state.presence() != CallState.Presence.IN) {
                return false;
            }
            if (down && !repeat && !media.micOn()) {
                pushToTalk = true;
                actions.setMic(true);
            } else if (!down && pushToTalk) {
                pushToTalk = false;
                actions.setMic(false);
            }
            return true;
        }
        if (!down || repeat) {
            return false;
        }
        if ("m".equals(key) || "M".equals(key)) {
            actions.setMic(!media.micOn());
            return true;
        }
        if ("v".equals(key) || "V".equals(key)) {
            actions.setCamera(!media.cameraOn());
            return true;
        }
        return false;
    }

    /**
     * Redraws once per frame, however many changes came since the last: a join brings a burst
     * of them (membership, keys, tracks, statistics), each of which used to lay the screen out
     * again on the main thread that livekit-client and the key exchange need at that moment.
     */
    private void render() {
        if (renderPending) {
            return;
        }
        renderPending = true;
        Browser.nextFrame(() -> {
            renderPending = false;
            renderNow();
        });
    }

    private void renderNow() {
        Messages m = state.messages();
        HTMLElement html = dom.document().getDocumentElement();
        Dom.set(html, "data-theme", state.theme().cssName());
        Dom.set(html, "lang", m.lang());
        Dom.set(html, "dir", m.rightToLeft() ? "rtl" : "ltr");
        Browser.setFontScale(Numbers.format(state.fontScale() * 100) + "%");
        Dom.setText(roomName, state.roomDisplayName());
        Dom.set(root, "data-connection", Ascii.toLowerCase(state.connection().name()));
        Dom.set(root, "data-sfu", Ascii.toLowerCase(state.sfuLobby().name()));
        if (state.connection() != CallState.Connection.CONNECTING) { // a failure mid-join shows the lobby again
            Dom.set(root, "data-presence", Ascii.toLowerCase(state.presence().name()));
        }
        MediaState media = state.media();
        Dom.set(root, "data-mic", media.micOn() ? "on" : "off");
        Dom.set(root, "data-camera", media.cameraOn() ? "on" : "off");
        Dom.set(root, "data-sharing", media.sharing() ? "on" : "off");
        boolean inCall = state.presence() == CallState.Presence.IN;
        Dom.setText(e2eeBadge, m.get(!inCall ? Msg.E2EE : state.liveKitFormat() ? Msg.E2EE_ELEMENT_CALL : Msg.E2EE_SFRAME));
        Dom.set(e2eeBadge, "data-format", !inCall ? "" : state.liveKitFormat() ? "livekit" : "sframe");
        CallState.Presence presence = state.presence();
        Dom.setText(callStatus, presence == CallState.Presence.JOINING ? m.get(Msg.STATUS_JOINING)
                : presence == CallState.Presence.LEAVING ? m.get(Msg.STATUS_LEAVING) : "");
        Dom.setText(callProblem, m.render(state.callProblem()));
        lobby.render(state);
        tiles.render(state);
        controls.render(state, tiles.mode());
        help.render(state);
        people.render(state);
    }
}
