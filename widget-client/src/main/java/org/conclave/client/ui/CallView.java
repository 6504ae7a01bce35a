package org.conclave.client.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conclave.client.call.CallState;
import org.conclave.client.call.ConnectionQuality;
import org.conclave.client.call.MediaState;
import org.conclave.client.call.SecurityCode;
import org.conclave.client.call.Tile;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.Ascii;
import org.conclave.client.util.Numbers;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.EventTarget;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Renders {@link CallState}: the lobby (camera preview, camera and microphone choice, toggles,
 * Join) and the call (a grid of tiles, each with name, microphone state, speaking indicator and an
 * encryption badge; controls for microphone, camera, screen share and leave), plus the participant
 * list. Text goes in with {@code textContent} only (names are user-controlled); the theme becomes
 * {@code <html data-theme>}. Keys: {@code m} microphone, {@code v} camera, space push-to-talk.
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
    private final Streams streams;
    private final HTMLElement root;
    private final HTMLElement roomName;
    private final HTMLElement user;
    private final HTMLElement status;
    private final HTMLElement problem;
    private final HTMLElement callProblem;
    private final HTMLElement e2eeBadge;
    private final HTMLElement preview;
    private final HTMLElement cameraSelect;
    private final HTMLElement micSelect;
    private final HTMLElement lobbyMic;
    private final HTMLElement lobbyCamera;
    private final HTMLElement join;
    private final HTMLElement grid;
    private final HTMLElement micButton;
    private final HTMLElement cameraButton;
    private final HTMLElement screenButton;
    private final HTMLElement leaveButton;
    private final HTMLElement participantList;
    private HTMLElement securityCode;
    private HTMLElement help;
    private HTMLElement helpClose;
    private final java.util.Set<String> severalDevices = new java.util.HashSet<>();
    private final Map<String, TileView> tileViews = new HashMap<>();
    private Actions actions;
    private boolean pushToTalk;
    private double joinedAt = -1;
    private boolean renderPending;
    private final JSObject shownWatcher;
    private String lastShown;

    /** One tile's elements, kept across renders so video does not restart. */
    private static final class TileView {
        final HTMLElement element;
        final HTMLElement video;
        final HTMLElement name;
        final HTMLElement mic;
        final HTMLElement badge;
        final HTMLElement placeholder;
        HTMLElement quality;

        TileView(HTMLElement element, HTMLElement video, HTMLElement name, HTMLElement mic, HTMLElement badge,
                HTMLElement placeholder) {
            this.element = element;
            this.video = video;
            this.name = name;
            this.mic = mic;
            this.badge = badge;
            this.placeholder = placeholder;
        }
    }

    /** Builds the view into {@code container} and keeps it in step with {@code state}. */
    public CallView(HTMLDocument document, HTMLElement container, CallState state, Streams streams) {
        this.dom = new Dom(document);
        this.state = state;
        this.streams = streams;
        root = dom.el("main", "conclave", "lobby");

        HTMLElement header = dom.el("header", "room-bar", null);
        roomName = dom.el("h1", "room-name", "room-name");
        header.appendChild(roomName);
        e2eeBadge = dom.text("span", "badge e2ee", "e2ee-badge", "End-to-end encrypted");
        header.appendChild(e2eeBadge);
        root.appendChild(header);

        HTMLElement lobby = dom.el("section", "lobby-panel", "lobby-panel");
        HTMLElement previewBox = dom.el("div", "preview", "camera-preview-box");
        preview = video("camera-preview");
        previewBox.appendChild(preview);
        lobby.appendChild(previewBox);
        user = dom.el("p", "who", "user-id");
        lobby.appendChild(user);
        status = dom.el("p", "status", "connection-status");
        status.setAttribute("role", "status");
        lobby.appendChild(status);
        problem = dom.el("p", "problem", "media-problem");
        problem.setAttribute("role", "alert");
        lobby.appendChild(problem);
        HTMLElement devices = dom.el("div", "devices", null);
        cameraSelect = select(devices, "Camera", "camera-select", id -> actions.chooseCamera(id));
        micSelect = select(devices, "Microphone", "microphone-select", id -> actions.chooseMicrophone(id));
        lobby.appendChild(devices);
        HTMLElement toggles = dom.el("div", "toggles", null);
        lobbyMic = button(toggles, "toggle", "lobby-mic", () -> actions.setMic(!state.media().micOn()));
        lobbyCamera = button(toggles, "toggle", "lobby-camera", () -> actions.setCamera(!state.media().cameraOn()));
        lobby.appendChild(toggles);
        join = button(lobby, "primary join", "join-button", () -> {
            if (state.presence() == CallState.Presence.OUT) {
                joinedAt = Browser.performanceNow();
                actions.join();
            } else {
                actions.leave();
            }
        });
        root.appendChild(lobby);

        HTMLElement call = dom.el("section", "call-panel", "call-panel");
        grid = dom.el("div", "grid", "grid");
        shownWatcher = Browser.watchShown(grid, this::shown);
        call.appendChild(grid);
        callProblem = dom.el("p", "problem call-problem", "call-problem");
        callProblem.setAttribute("role", "status");
        call.appendChild(callProblem);
        HTMLElement controls = dom.el("div", "controls", "controls");
        micButton = button(controls, "control", "mic-button", () -> actions.setMic(!state.media().micOn()));
        cameraButton = button(controls, "control", "camera-button", () -> actions.setCamera(!state.media().cameraOn()));
        screenButton = button(controls, "control", "screen-button", () -> actions.setScreenShare(!state.media().sharing()));
        leaveButton = button(controls, "control leave", "leave-button", () -> actions.leave());
        labelled(leaveButton, Icons.LEAVE, "Leave the call");
        HTMLElement helpButton = button(controls, "control", "help-button", () -> showHelp(!helpShown()));
        labelled(helpButton, Icons.HELP, "Keyboard shortcuts (?)");
        call.appendChild(controls);
        root.appendChild(call);
        help = helpOverlay();
        root.appendChild(help);

        participantList = dom.el("ul", "participants", "participants");
        participantList.setAttribute("aria-label", "Participants");
        root.appendChild(participantList);
        securityCode = dom.el("p", "security-code", "security-code");
        securityCode.setAttribute("role", "note");
        securityCode.setAttribute("title", "Call security code: compare it with the others. The same code on every"
                + " screen means everyone's keys go to the same devices; a different one means someone is shown a"
                + " device the others are not.");
        root.appendChild(securityCode);

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

    private HTMLElement video(String testId) {
        HTMLElement v = dom.el("video", "video", testId);
        v.setAttribute("autoplay", "");
        v.setAttribute("playsinline", "");
        v.setAttribute("muted", "");
        return v;
    }

    private interface Choice {
        void chosen(String id);
    }

    private HTMLElement select(HTMLElement parent, String label, String testId, Choice choice) {
        HTMLElement wrapper = dom.el("label", "device", null);
        wrapper.appendChild(dom.text("span", "device-label", null, label));
        HTMLElement s = dom.el("select", null, testId);
        ((EventTarget) s).addEventListener("change", event -> {
            if (actions != null) {
                choice.chosen(Browser.valueOf(s));
            }
        });
        wrapper.appendChild(s);
        parent.appendChild(wrapper);
        return s;
    }

    private HTMLElement button(HTMLElement parent, String className, String testId, Runnable onClick) {
        HTMLElement b = dom.el("button", className, testId);
        b.setAttribute("type", "button");
        ((EventTarget) b).addEventListener("click", event -> {
            if (actions != null) {
                onClick.run();
            }
        });
        parent.appendChild(b);
        return b;
    }

    private boolean key(boolean down, String key, boolean repeat) {
        if (down && "Escape".equals(key) && helpShown()) {
            showHelp(false);
            return true;
        }
        if (down && !repeat && "?".equals(key)) {
            showHelp(!helpShown());
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
        dom.document().getDocumentElement().setAttribute("data-theme", state.theme().cssName());
        roomName.setTextContent(state.roomDisplayName());
        String who = state.userId() == null ? "" : state.userId();
        String as = state.presence() == CallState.Presence.IN ? "You are " : "Joining as ";
        String named = state.names().of(who);
        user.setTextContent(who.isEmpty() ? "" : as + named + (named.equals(who) ? "" : " · " + who)
                + (state.deviceId() == null ? "" : " (" + state.deviceId() + ")"));
        root.setAttribute("data-connection", Ascii.toLowerCase(state.connection().name()));
        switch (state.connection()) {
            case CONNECTING:
                status.setTextContent("Connecting to your Matrix client…");
                join.setTextContent("Join call");
                join.setAttribute("disabled", "");
                break;
            case READY:
                renderPresence();
                break;
            default:
                status.setTextContent(state.error());
                join.setTextContent("Join call");
                join.setAttribute("disabled", "");
                break;
        }
        renderMedia();
        renderTiles();
        renderParticipants();
    }

    private void renderPresence() {
        root.setAttribute("data-presence", Ascii.toLowerCase(state.presence().name()));
        switch (state.presence()) {
            case OUT:
                status.setTextContent("Ready");
                join.setTextContent("Join call");
                join.removeAttribute("disabled");
                break;
            case JOINING:
                status.setTextContent("Joining…");
                join.setTextContent("Leave");
                join.removeAttribute("disabled");
                break;
            case IN:
                status.setTextContent(state.sendKeyIndex() < 0 ? "In the call"
                        : "In the call · sending with key " + state.sendKeyIndex());
                join.setTextContent("Leave");
                join.removeAttribute("disabled");
                break;
            default:
                status.setTextContent("Leaving…");
                join.setAttribute("disabled", "");
                break;
        }
    }

    private void renderMedia() {
        MediaState media = state.media();
        problem.setTextContent(media.problem() == null ? "" : media.problem());
        callProblem.setTextContent(state.callProblem() == null ? "" : state.callProblem());
        boolean inCall = state.presence() == CallState.Presence.IN;
        e2eeBadge.setTextContent(!inCall ? "End-to-end encrypted"
                : state.liveKitFormat() ? "End-to-end encrypted · Element Call compatible" : "End-to-end encrypted · SFrame");
        e2eeBadge.setAttribute("data-format", !inCall ? "" : state.liveKitFormat() ? "livekit" : "sframe");
        root.setAttribute("data-mic", media.micOn() ? "on" : "off");
        root.setAttribute("data-camera", media.cameraOn() ? "on" : "off");
        root.setAttribute("data-sharing", media.sharing() ? "on" : "off");
        toggle(lobbyMic, media.micOn(), "Microphone on", "Microphone off");
        iconToggle(micButton, media.micOn(), Icons.MIC, Icons.MIC_OFF, "Mute the microphone (m)", "Unmute the microphone (m)");
        toggle(lobbyCamera, media.cameraOn(), "Camera on", "Camera off");
        iconToggle(cameraButton, media.cameraOn(), Icons.CAMERA, Icons.CAMERA_OFF, "Turn the camera off (v)",
                "Turn the camera on (v)");
        iconToggle(screenButton, media.sharing(), Icons.SCREEN_STOP, Icons.SCREEN, "Stop sharing the screen", "Share the screen");
        screenButton.setAttribute("data-off-is-normal", "true");
        // The preview only while the lobby shows: a hidden video element still costs CPU.
        boolean lobbyShown = state.presence() == CallState.Presence.OUT || state.presence() == CallState.Presence.JOINING;
        Browser.showStream(preview, media.cameraOn() && lobbyShown ? streams.local() : null, true);
        fill(cameraSelect, media.cameras(), media.camera(), "Camera");
        fill(micSelect, media.microphones(), media.microphone(), "Microphone");
    }

    /** An icon button: the icon, its name for screen readers and as tooltip. */
    private static void labelled(HTMLElement button, String icon, String name) {
        button.setInnerHTML(icon);
        button.setAttribute("aria-label", name);
        button.setAttribute("title", name);
    }

    /** A toggle shown by its state's icon; named by what pressing it does. */
    private static void iconToggle(HTMLElement button, boolean on, String onIcon, String offIcon, String onAction,
            String offAction) {
        String name = on ? onAction : offAction;
        if (!name.equals(button.getAttribute("aria-label"))) {
            labelled(button, on ? onIcon : offIcon, name);
        }
        button.setAttribute("aria-pressed", on ? "true" : "false");
    }

    private HTMLElement helpOverlay() {
        HTMLElement overlay = dom.el("div", "help-overlay", "help-overlay");
        overlay.setAttribute("role", "dialog");
        overlay.setAttribute("aria-modal", "true");
        overlay.setAttribute("aria-labelledby", "help-title");
        overlay.setAttribute("hidden", "");
        HTMLElement title = dom.text("h2", "help-title", null, "Keyboard shortcuts");
        title.setAttribute("id", "help-title");
        overlay.appendChild(title);
        HTMLElement list = dom.el("dl", "help-keys", "help-keys");
        String[][] keys = {{"m", "Mute or unmute the microphone"}, {"v", "Turn the camera off or on"},
            {"Space", "Hold to talk while muted"}, {"?", "Show or hide these shortcuts"}, {"Esc", "Close this list"}};
        for (String[] k : keys) {
            HTMLElement term = dom.el("dt", null, null);
            term.appendChild(dom.text("kbd", null, null, k[0]));
            list.appendChild(term);
            list.appendChild(dom.text("dd", null, null, k[1]));
        }
        overlay.appendChild(list);
        helpClose = button(overlay, "control", "help-close", () -> showHelp(false));
        helpClose.setTextContent("Close");
        return overlay;
    }

    private boolean helpShown() {
        return help != null && !help.hasAttribute("hidden");
    }

    private void showHelp(boolean show) {
        if (show) {
            help.removeAttribute("hidden");
            helpClose.focus();
        } else {
            help.setAttribute("hidden", "");
        }
    }

    private static void toggle(HTMLElement button, boolean on, String onText, String offText) {
        button.setTextContent(on ? onText : offText);
        button.setAttribute("aria-pressed", on ? "true" : "false");
    }

    private void fill(HTMLElement select, List<MediaState.Device> devices, String chosen, String fallback) {
        StringBuilder signature = new StringBuilder();
        for (MediaState.Device d : devices) {
            signature.append(d.id()).append('\n').append(d.label()).append('\n');
        }
        if (!signature.toString().equals(select.getAttribute("data-devices"))) {
            while (select.getFirstChild() != null) {
                select.removeChild(select.getFirstChild());
            }
            int n = 1;
            for (MediaState.Device d : devices) {
                HTMLElement option = dom.text("option", null, null, d.label().isEmpty() ? fallback + " " + n : d.label());
                option.setAttribute("value", d.id());
                select.appendChild(option);
                n++;
            }
            select.setAttribute("data-devices", signature.toString());
        }
        if (devices.isEmpty()) {
            select.setAttribute("disabled", "");
        } else {
            select.removeAttribute("disabled");
            Browser.setValue(select, chosen);
        }
    }

    private void renderTiles() {
        List<String> present = new ArrayList<>();
        // Users in the call on more than one device: their tiles also name the device.
        java.util.Set<String> seen = new java.util.HashSet<>();
        severalDevices.clear();
        for (CallState.Row row : state.participants()) {
            if (!seen.add(row.userId())) {
                severalDevices.add(row.userId());
            }
        }
        for (Tile tile : state.tiles()) {
            present.add(tile.id());
            TileView view = tileViews.get(tile.id());
            boolean created = view == null;
            if (created) {
                view = newTile(tile);
                tileViews.put(tile.id(), view);
            }
            renderTile(tile, view);
            if (created) {
                Browser.watch(shownWatcher, view.element);
            }
        }
        // Move tiles only when the order changed: a media element taken out of the document pauses.
        org.teavm.jso.dom.xml.Node at = grid.getFirstChild();
        for (Tile tile : state.tiles()) {
            HTMLElement element = tileViews.get(tile.id()).element;
            if (at != element) {
                grid.insertBefore(element, at);
            } else {
                at = at.getNextSibling();
            }
        }
        for (String id : new ArrayList<>(tileViews.keySet())) {
            if (!present.contains(id)) {
                TileView gone = tileViews.remove(id);
                Browser.showStream(gone.video, null, true);
                Browser.unwatch(shownWatcher, gone.element);
                grid.removeChild(gone.element);
            }
        }
        grid.setAttribute("data-count", String.valueOf(state.tiles().size()));
    }

    /** The other participants' tiles on screen changed (or their size): the SFU forwards video for those only. */
    private void shown(String tileIds, int width, int height) {
        String key = tileIds + " " + width + "x" + height;
        if (key.equals(lastShown) || actions == null) {
            return;
        }
        lastShown = key;
        Set<String> ids = new HashSet<>();
        // Not String.split: in TeaVM it brings java.util.regex, a third of the widget's size.
        int from = 0;
        while (from <= tileIds.length()) {
            int end = tileIds.indexOf('\n', from);
            if (end < 0) {
                end = tileIds.length();
            }
            if (end > from) {
                ids.add(tileIds.substring(from, end));
            }
            from = end + 1;
        }
        grid.setAttribute("data-shown", String.valueOf(ids.size()));
        actions.tilesShown(ids, width, height);
    }

    private TileView newTile(Tile tile) {
        HTMLElement element = dom.el("figure", "tile", "tile");
        HTMLElement v = video(null);
        if (!tile.self() && joinedAt >= 0) {
            // For the join-to-first-frame benchmark: when this tile's first frame was decoded.
            double since = joinedAt;
            Browser.onFirstFrame(v, () -> element.setAttribute("data-first-frame-ms",
                    String.valueOf(Math.round(Browser.performanceNow() - since))));
        }
        element.appendChild(v);
        HTMLElement placeholder = dom.el("div", "tile-placeholder", null);
        element.appendChild(placeholder);
        HTMLElement caption = dom.el("figcaption", "tile-caption", null);
        HTMLElement mic = dom.el("span", "tile-mic", "tile-mic");
        caption.appendChild(mic);
        HTMLElement name = dom.el("span", "tile-name", "tile-name");
        caption.appendChild(name);
        HTMLElement quality = dom.el("span", "tile-quality", "tile-quality");
        caption.appendChild(quality);
        HTMLElement badge = dom.el("span", "tile-e2ee", "tile-e2ee");
        caption.appendChild(badge);
        element.appendChild(caption);
        TileView made = new TileView(element, v, name, mic, badge, placeholder);
        made.quality = quality;
        return made;
    }

    private void renderTile(Tile tile, TileView view) {
        HTMLElement e = view.element;
        e.setAttribute("data-tile-id", tile.id());
        e.setAttribute("data-user", tile.userId());
        e.setAttribute("data-device", tile.deviceId());
        e.setAttribute("data-self", String.valueOf(tile.self()));
        e.setAttribute("data-screenshare", String.valueOf(tile.screenshare()));
        e.setAttribute("data-connection", tile.connection());
        e.setAttribute("data-key-index", String.valueOf(tile.keyIndex()));
        e.setAttribute("data-failures", String.valueOf(tile.failures()));
        boolean measured = !tile.self() && !ConnectionQuality.UNKNOWN.equals(tile.quality());
        view.quality.setAttribute("data-quality", tile.self() ? "self" : tile.quality());
        view.quality.setTextContent(measured ? "▂▄▆".substring(0, ConnectionQuality.GOOD.equals(tile.quality()) ? 3
                : ConnectionQuality.FAIR.equals(tile.quality()) ? 2 : 1) : "");
        view.quality.setAttribute("aria-label", measured ? "Connection " + tile.quality() : "");
        view.quality.setAttribute("title", measured ? "Connection " + tile.quality() + " (packet loss and jitter)" : "");
        e.setAttribute("data-audio-muted", String.valueOf(tile.audioMuted()));
        e.setAttribute("data-video-muted", String.valueOf(tile.videoMuted()));
        e.setAttribute("data-speaking", String.valueOf(tile.speaking()));
        e.setAttribute("data-video-packets", String.valueOf(tile.stats().videoPackets()));
        e.setAttribute("data-frames-received", String.valueOf(tile.stats().framesReceived()));
        e.setAttribute("data-frames-decoded", String.valueOf(tile.stats().framesDecoded()));
        e.setAttribute("data-audio-packets", String.valueOf(tile.stats().audioPackets()));
        e.setAttribute("data-audio-energy", Numbers.format(tile.stats().audioEnergy()));
        e.setClassName("tile" + (tile.speaking() ? " speaking" : "") + (tile.screenshare() ? " screenshare" : "")
                + (tile.self() ? " self" : ""));
        String name = state.names().of(tile.userId()) + (severalDevices.contains(tile.userId()) ? " · " + tile.deviceId() : "")
                + (tile.self() ? " (you)" : "") + (tile.screenshare() ? " · screen" : "");
        view.name.setTextContent(name);
        view.name.setAttribute("title", tile.userId() + " · " + tile.deviceId());
        view.mic.setTextContent(tile.screenshare() ? "Screen" : tile.audioMuted() ? "Muted" : "Mic on");
        view.mic.setAttribute("data-muted", String.valueOf(tile.audioMuted() && !tile.screenshare()));
        view.mic.setAttribute("aria-label", tile.audioMuted() ? "Microphone off" : "Microphone on");
        view.badge.setTextContent(badge(tile) + (tile.liveKitFormat() ? " · Element Call compatible" : ""));
        view.badge.setAttribute("data-format", tile.liveKitFormat() ? "livekit" : "sframe");
        view.badge.setAttribute("data-state", tile.failures() > 0 && !decrypting(tile) ? "failing"
                : tile.keyIndex() >= 0 ? "ok" : "waiting");
        JSObject stream = tile.self()
                ? (tile.screenshare() ? streams.localScreen() : streams.local())
                : tile.streamId() == null ? null : streams.remote(tile.participant(), tile.streamId());
        boolean showVideo = stream != null && !tile.videoMuted();
        Browser.showStream(view.video, stream, tile.self() || tile.screenshare());
        e.setAttribute("data-has-video", String.valueOf(showVideo));
        view.placeholder.setTextContent(showVideo ? "" : placeholder(tile));
    }

    private static boolean decrypting(Tile tile) {
        return tile.keyIndex() >= 0 && tile.stats().framesDecoded() > 0;
    }

    /** The encryption badge: which key decrypts the tile, or that frames fail (text, no emoji fonts needed). */
    private static String badge(Tile tile) {
        if (tile.self()) {
            return tile.keyIndex() < 0 ? "Encrypted · waiting for a key" : "Encrypted · key " + tile.keyIndex();
        }
        if (tile.keyIndex() < 0) {
            return tile.failures() > 0 ? "Cannot decrypt · " + tile.failures() + " frames" : "Encrypted · waiting for a key";
        }
        return "Encrypted · key " + tile.keyIndex() + (tile.failures() > 0 ? " · " + tile.failures() + " failed" : "");
    }

    private static String placeholder(Tile tile) {
        if (!tile.self() && ("failed".equals(tile.connection()) || "disconnected".equals(tile.connection()))) {
            return "Connection lost · reconnecting…";
        }
        if (!tile.self() && !"connected".equals(tile.connection())) {
            return "Connecting…";
        }
        return tile.videoMuted() ? "Camera off" : "";
    }

    private void renderParticipants() {
        while (participantList.getFirstChild() != null) {
            participantList.removeChild(participantList.getFirstChild());
        }
        SecurityCode code = state.securityCode();
        securityCode.setTextContent(code == null ? "" : code.emoji());
        securityCode.setAttribute("data-code", code == null ? "" : code.words());
        securityCode.setAttribute("aria-label", code == null ? "No call security code" : "Call security code: " + code.words());
        for (CallState.Row row : state.participants()) {
            HTMLElement item = dom.el("li", row.self() ? "participant self" : "participant", "participant");
            item.setAttribute("data-user", row.userId());
            item.setAttribute("data-device", row.deviceId());
            item.setAttribute("data-key-index", String.valueOf(row.keyIndex()));
            item.setAttribute("data-status", row.self() && state.presence() == CallState.Presence.LEAVING
                    ? "leaving" : "joined");
            HTMLElement avatar = dom.text("span", "participant-avatar", "participant-avatar", state.names().initials(row.userId()));
            avatar.setAttribute("aria-hidden", "true");
            item.appendChild(avatar);
            String named = state.names().of(row.userId());
            HTMLElement person = dom.text("span", "participant-user", "participant-name", named);
            person.setAttribute("title", row.userId());
            item.appendChild(person);
            item.setAttribute("data-client", row.client());
            boolean elementCall = CallState.Row.ELEMENT_CALL.equals(row.client());
            item.appendChild(dom.text("span", "participant-device", null,
                    row.deviceId() + (elementCall ? " · " + row.client() : "")));
            item.appendChild(dom.text("span", "participant-key", null,
                    row.keyIndex() < 0 ? "no key yet" : "key " + row.keyIndex()));
            participantList.appendChild(item);
        }
    }
}
