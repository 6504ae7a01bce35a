package org.conclave.client.ui;

import org.conclave.client.call.CallState;
import org.conclave.client.call.MediaState;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.teavm.jso.dom.html.HTMLElement;

/** The call's control bar: microphone, camera, screen share, leave, and the shortcuts overlay. */
final class Controls {
    private final HTMLElement element;
    private final HTMLElement mic;
    private final HTMLElement camera;
    private final HTMLElement screen;
    private final HTMLElement leave;
    private final HTMLElement help;

    Controls(Dom dom, LobbyPanel.MediaToggles media, Runnable toggleHelp, java.util.function.BooleanSupplier sharing) {
        element = dom.el("div", "controls", "controls");
        mic = dom.button(element, "control", "mic-button", a -> media.toggleMic());
        camera = dom.button(element, "control", "camera-button", a -> media.toggleCamera());
        screen = dom.button(element, "control", "screen-button", a -> a.setScreenShare(!sharing.getAsBoolean()));
        screen.setAttribute("data-off-is-normal", "true");
        leave = dom.button(element, "control leave", "leave-button", a -> a.leave());
        help = dom.button(element, "control", "help-button", a -> toggleHelp.run());
    }

    HTMLElement element() {
        return element;
    }

    void render(CallState state) {
        Messages m = state.messages();
        MediaState media = state.media();
        Dom.iconToggle(mic, media.micOn(), Icons.MIC, Icons.MIC_OFF, m.get(Msg.MUTE), m.get(Msg.UNMUTE));
        Dom.iconToggle(camera, media.cameraOn(), Icons.CAMERA, Icons.CAMERA_OFF, m.get(Msg.CAMERA_TURN_OFF),
                m.get(Msg.CAMERA_TURN_ON));
        Dom.iconToggle(screen, media.sharing(), Icons.SCREEN_STOP, Icons.SCREEN, m.get(Msg.SCREEN_SHARE_STOP),
                m.get(Msg.SCREEN_SHARE));
        Dom.labelled(leave, Icons.LEAVE, m.get(Msg.LEAVE_CALL));
        Dom.labelled(help, Icons.HELP, m.get(Msg.SHORTCUTS_BUTTON));
    }
}
