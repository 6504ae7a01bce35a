package org.conclave.client.ui;

import org.conclave.client.call.CallState;
import org.conclave.client.call.Layout;
import org.conclave.client.call.MediaState;
import org.conclave.client.call.Reactions;
import org.conclave.client.call.Tile;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The call's control bar: microphone, camera, screen share, raise hand, reactions (a row of
 * emoji that opens above the bar), layout, leave, and the shortcuts overlay.
 */
final class Controls {
    private static final Msg[] REACTION_NAMES = {Msg.REACTION_THUMBSUP, Msg.REACTION_PARTY, Msg.REACTION_CLAPPING,
        Msg.REACTION_WAVE, Msg.REACTION_LAUGH, Msg.REACTION_LIGHTBULB};

    private final HTMLElement element;
    private final HTMLElement picker;
    private final HTMLElement[] choices = new HTMLElement[Reactions.CHOICES.length];
    private final HTMLElement mic;
    private final HTMLElement camera;
    private final HTMLElement screen;
    private final HTMLElement hand;
    private final HTMLElement react;
    private final HTMLElement layout;
    private final HTMLElement leave;
    private final HTMLElement help;
    private boolean handRaised;

    Controls(Dom dom, LobbyPanel.MediaToggles media, Runnable toggleHelp, java.util.function.BooleanSupplier sharing,
            Runnable toggleLayout) {
        element = dom.el("div", "controls", "controls");
        picker = dom.el("div", "reaction-picker", "reaction-picker");
        picker.setAttribute("role", "group");
        picker.setAttribute("hidden", "");
        for (int i = 0; i < Reactions.CHOICES.length; i++) {
            String[] choice = Reactions.CHOICES[i];
            choices[i] = dom.button(picker, "reaction-choice", "reaction-choice", a -> {
                a.react(choice[0], choice[1]);
                showPicker(false);
            });
            choices[i].setAttribute("data-emoji", choice[0]);
            choices[i].setTextContent(choice[0]);
        }
        mic = dom.button(element, "control", "mic-button", a -> media.toggleMic());
        camera = dom.button(element, "control", "camera-button", a -> media.toggleCamera());
        screen = dom.button(element, "control", "screen-button", a -> a.setScreenShare(!sharing.getAsBoolean()));
        screen.setAttribute("data-off-is-normal", "true");
        hand = dom.button(element, "control", "hand-button", a -> a.raiseHand(!handRaised));
        hand.setAttribute("data-off-is-normal", "true");
        react = dom.button(element, "control", "reactions-button", a -> showPicker(picker.hasAttribute("hidden")));
        react.setAttribute("data-off-is-normal", "true");
        layout = dom.button(element, "control", "layout-button", a -> toggleLayout.run());
        layout.setAttribute("data-off-is-normal", "true");
        leave = dom.button(element, "control leave", "leave-button", a -> a.leave());
        help = dom.button(element, "control", "help-button", a -> toggleHelp.run());
    }

    HTMLElement element() {
        return element;
    }

    /** The reactions' row, shown above the bar while open. */
    HTMLElement picker() {
        return picker;
    }

    boolean pickerShown() {
        return !picker.hasAttribute("hidden");
    }

    void showPicker(boolean show) {
        Dom.flag(picker, "hidden", !show);
        Dom.set(react, "aria-expanded", String.valueOf(show));
        if (show) {
            choices[0].focus();
        }
    }

    void render(CallState state, Layout.Mode mode) {
        Messages m = state.messages();
        MediaState media = state.media();
        Dom.iconToggle(mic, media.micOn(), Icons.MIC, Icons.MIC_OFF, m.get(Msg.MUTE), m.get(Msg.UNMUTE));
        Dom.iconToggle(camera, media.cameraOn(), Icons.CAMERA, Icons.CAMERA_OFF, m.get(Msg.CAMERA_TURN_OFF),
                m.get(Msg.CAMERA_TURN_ON));
        Dom.iconToggle(screen, media.sharing(), Icons.SCREEN_STOP, Icons.SCREEN, m.get(Msg.SCREEN_SHARE_STOP),
                m.get(Msg.SCREEN_SHARE));
        handRaised = false;
        for (Tile t : state.tiles()) {
            handRaised |= t.self() && !t.screenshare() && t.handRaised();
        }
        Dom.iconToggle(hand, handRaised, Icons.HAND, Icons.HAND, m.get(Msg.LOWER_HAND), m.get(Msg.RAISE_HAND));
        Dom.labelled(react, Icons.SMILE, m.get(Msg.REACTIONS));
        // A hand or a reaction names our membership event: none until the call counts us.
        boolean counted = state.presence() == CallState.Presence.IN;
        Dom.flag(hand, "disabled", !counted);
        Dom.flag(react, "disabled", !counted);
        if (!counted && pickerShown()) {
            showPicker(false);
        }
        Dom.set(react, "aria-expanded", String.valueOf(pickerShown()));
        Dom.set(picker, "aria-label", m.get(Msg.REACTIONS));
        for (int i = 0; i < choices.length; i++) {
            Dom.set(choices[i], "aria-label", m.get(REACTION_NAMES[i]));
            Dom.set(choices[i], "title", m.get(REACTION_NAMES[i]));
        }
        boolean spotlight = mode == Layout.Mode.SPOTLIGHT;
        Dom.iconToggle(layout, spotlight, Icons.GRID, Icons.SPOTLIGHT, m.get(Msg.LAYOUT_GRID), m.get(Msg.LAYOUT_SPOTLIGHT));
        Dom.labelled(leave, Icons.LEAVE, m.get(Msg.LEAVE_CALL));
        Dom.labelled(help, Icons.HELP, m.get(Msg.SHORTCUTS_BUTTON));
    }
}
