package org.conclave.client.ui;

import java.util.List;
import org.conclave.client.call.CallState;
import org.conclave.client.call.MediaState;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.conclave.client.jso.Browser;
import org.teavm.jso.dom.events.EventTarget;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The lobby: camera preview, who you join as, the connection's status and any media problem,
 * camera and microphone choice, their toggles, and Join (Leave while joining or in the call).
 */
final class LobbyPanel {
    private final Dom dom;
    private final CallView.Streams streams;
    private final HTMLElement element;
    private final HTMLElement preview;
    private final HTMLElement user;
    private final HTMLElement status;
    private final HTMLElement problem;
    private final HTMLElement cameraLabel;
    private final HTMLElement cameraSelect;
    private final HTMLElement micLabel;
    private final HTMLElement micSelect;
    private final HTMLElement lobbyMic;
    private final HTMLElement lobbyCamera;
    private final HTMLElement join;
    private CallState.Presence presence = CallState.Presence.OUT;
    /**
     * At most this long after the lobby hides, its camera preview lets go of the stream (sooner
     * when the main thread is idle): tearing down a video element's player takes tens of
     * milliseconds of the main thread, which the join's first half second needs for the call.
     */
    static final int PREVIEW_RELEASE_MS = 3_000;
    private boolean previewRelease;

    /** {@code joinPressed} runs as Join is pressed (for the join-to-first-frame measurement). */
    LobbyPanel(Dom dom, CallView.Streams streams, MediaToggles media, Runnable joinPressed) {
        this.dom = dom;
        this.streams = streams;
        element = dom.el("section", "lobby-panel", "lobby-panel");
        HTMLElement previewBox = dom.el("div", "preview", "camera-preview-box");
        preview = dom.video("camera-preview");
        previewBox.appendChild(preview);
        element.appendChild(previewBox);
        user = dom.el("p", "who", "user-id");
        element.appendChild(user);
        status = dom.el("p", "status", "connection-status");
        status.setAttribute("role", "status");
        element.appendChild(status);
        problem = dom.el("p", "problem", "media-problem");
        problem.setAttribute("role", "alert");
        element.appendChild(problem);
        HTMLElement devices = dom.el("div", "devices", null);
        cameraLabel = dom.el("span", "device-label", null);
        cameraSelect = select(devices, cameraLabel, "camera-select", true);
        micLabel = dom.el("span", "device-label", null);
        micSelect = select(devices, micLabel, "microphone-select", false);
        element.appendChild(devices);
        HTMLElement toggles = dom.el("div", "toggles", null);
        lobbyMic = dom.button(toggles, "toggle", "lobby-mic", a -> media.toggleMic());
        lobbyCamera = dom.button(toggles, "toggle", "lobby-camera", a -> media.toggleCamera());
        element.appendChild(toggles);
        join = dom.button(element, "primary join", "join-button", a -> {
            if (presence == CallState.Presence.OUT) {
                joinPressed.run();
                a.join();
            } else {
                a.leave();
            }
        });
        // The pointer on its way to Join, or the keyboard's focus on it: the frame worker can start
        // loading then, a moment before the press, and the lobby itself still loads without it.
        for (String event : new String[] {"pointerenter", "focus"}) {
            ((EventTarget) join).addEventListener(event, e -> {
                CallView.Actions a = dom.actions();
                if (a != null && presence == CallState.Presence.OUT) {
                    a.prepareJoin();
                }
            });
        }
    }

    /** Turning the microphone and camera on and off, shared with the call's controls. */
    interface MediaToggles {
        void toggleMic();

        void toggleCamera();
    }

    HTMLElement element() {
        return element;
    }

    private HTMLElement select(HTMLElement parent, HTMLElement label, String testId, boolean camera) {
        HTMLElement wrapper = dom.el("label", "device", null);
        wrapper.appendChild(label);
        HTMLElement s = dom.el("select", null, testId);
        ((EventTarget) s).addEventListener("change", event -> {
            CallView.Actions a = dom.actions();
            if (a != null) {
                if (camera) {
                    a.chooseCamera(Browser.valueOf(s));
                } else {
                    a.chooseMicrophone(Browser.valueOf(s));
                }
            }
        });
        wrapper.appendChild(s);
        parent.appendChild(wrapper);
        return s;
    }

    void render(CallState state) {
        Messages m = state.messages();
        presence = state.presence();
        String who = state.userId() == null ? "" : state.userId();
        String named = state.names().of(who);
        String identity = named + (named.equals(who) ? "" : " · " + who)
                + (state.deviceId() == null ? "" : " (" + state.deviceId() + ")");
        Dom.setText(user, who.isEmpty() ? "" : m.get(presence == CallState.Presence.IN ? Msg.YOU_ARE : Msg.JOINING_AS, identity));
        renderStatus(state, m);
        MediaState media = state.media();
        Dom.setText(problem, m.render(media.problem()));
        Dom.setText(lobbyMic, m.get(media.micOn() ? Msg.MICROPHONE_ON : Msg.MICROPHONE_OFF));
        Dom.set(lobbyMic, "aria-pressed", media.micOn() ? "true" : "false");
        Dom.setText(lobbyCamera, m.get(media.cameraOn() ? Msg.CAMERA_ON : Msg.CAMERA_OFF));
        Dom.set(lobbyCamera, "aria-pressed", media.cameraOn() ? "true" : "false");
        // The preview only while the lobby shows: a hidden video element still costs CPU.
        boolean shown = presence == CallState.Presence.OUT; // the call screen shows from the click on Join
        if (shown || !media.cameraOn()) {
            Browser.showStream(preview, media.cameraOn() && shown ? streams.local() : null, true);
        } else if (!previewRelease) {
            previewRelease = true;
            Browser.whenIdle(() -> {
                previewRelease = false;
                if (presence != CallState.Presence.OUT) {
                    Browser.showStream(preview, null, true);
                }
            }, PREVIEW_RELEASE_MS);
        }
        Dom.setText(cameraLabel, m.get(Msg.CAMERA));
        Dom.setText(micLabel, m.get(Msg.MICROPHONE));
        fill(cameraSelect, media.cameras(), media.camera(), m, Msg.CAMERA_NUMBERED);
        fill(micSelect, media.microphones(), media.microphone(), m, Msg.MICROPHONE_NUMBERED);
    }

    private void renderStatus(CallState state, Messages m) {
        switch (state.connection()) {
            case CONNECTING:
                Dom.setText(status, m.get(Msg.STATUS_CONNECTING));
                Dom.setText(join, m.get(Msg.JOIN_CALL));
                Dom.flag(join, "disabled", true);
                return;
            case READY:
                break;
            default:
                Dom.setText(status, m.render(state.error()));
                Dom.setText(join, m.get(Msg.JOIN_CALL));
                Dom.flag(join, "disabled", true);
                return;
        }
        switch (presence) {
            case OUT:
                Dom.setText(status, m.get(Msg.STATUS_READY));
                Dom.setText(join, m.get(Msg.JOIN_CALL));
                Dom.flag(join, "disabled", false);
                break;
            case JOINING:
                Dom.setText(status, m.get(Msg.STATUS_JOINING));
                Dom.setText(join, m.get(Msg.LEAVE));
                Dom.flag(join, "disabled", false);
                break;
            case IN:
                Dom.setText(status, state.sendKeyIndex() < 0 ? m.get(Msg.STATUS_IN_CALL)
                        : m.get(Msg.STATUS_IN_CALL_KEY, String.valueOf(state.sendKeyIndex())));
                Dom.setText(join, m.get(Msg.LEAVE));
                Dom.flag(join, "disabled", false);
                break;
            default:
                Dom.setText(status, m.get(Msg.STATUS_LEAVING));
                Dom.flag(join, "disabled", true);
                break;
        }
    }

    private void fill(HTMLElement select, List<MediaState.Device> devices, String chosen, Messages m, Msg numbered) {
        StringBuilder signature = new StringBuilder(m.lang()).append('\n');
        for (MediaState.Device d : devices) {
            signature.append(d.id()).append('\n').append(d.label()).append('\n');
        }
        if (!signature.toString().equals(select.getAttribute("data-devices"))) {
            while (select.getFirstChild() != null) {
                select.removeChild(select.getFirstChild());
            }
            int n = 1;
            for (MediaState.Device d : devices) {
                HTMLElement option = dom.text("option", null, null,
                        d.label().isEmpty() ? m.get(numbered, String.valueOf(n)) : d.label());
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
}
