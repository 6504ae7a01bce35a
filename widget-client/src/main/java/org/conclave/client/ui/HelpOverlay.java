package org.conclave.client.ui;

import org.conclave.client.call.CallState;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.teavm.jso.dom.html.HTMLElement;

/** The keyboard shortcuts, a dialog opened with {@code ?} or the help button, closed with Esc. */
final class HelpOverlay {
    private static final String[] KEYS = {"m", "v", null, "?", null};
    private static final Msg[] KEY_NAMES = {null, null, Msg.KEY_SPACE, null, Msg.KEY_ESCAPE};
    private static final Msg[] DOES = {Msg.SHORTCUT_MIC, Msg.SHORTCUT_CAMERA, Msg.SHORTCUT_TALK, Msg.SHORTCUT_HELP,
        Msg.SHORTCUT_CLOSE};

    private final HTMLElement element;
    private final HTMLElement title;
    private final HTMLElement[] keys = new HTMLElement[KEYS.length];
    private final HTMLElement[] descriptions = new HTMLElement[KEYS.length];
    private final HTMLElement close;

    HelpOverlay(Dom dom) {
        element = dom.el("div", "help-overlay", "help-overlay");
        element.setAttribute("role", "dialog");
        element.setAttribute("aria-modal", "true");
        element.setAttribute("aria-labelledby", "help-title");
        element.setAttribute("hidden", "");
        title = dom.el("h2", "help-title", null);
        title.setAttribute("id", "help-title");
        element.appendChild(title);
        HTMLElement list = dom.el("dl", "help-keys", "help-keys");
        for (int i = 0; i < KEYS.length; i++) {
            HTMLElement term = dom.el("dt", null, null);
            keys[i] = dom.el("kbd", null, null);
            term.appendChild(keys[i]);
            list.appendChild(term);
            descriptions[i] = dom.el("dd", null, null);
            list.appendChild(descriptions[i]);
        }
        element.appendChild(list);
        close = dom.button(element, "control", "help-close", a -> show(false));
    }

    HTMLElement element() {
        return element;
    }

    boolean shown() {
        return !element.hasAttribute("hidden");
    }

    void show(boolean show) {
        Dom.flag(element, "hidden", !show);
        if (show) {
            close.focus();
        }
    }

    void render(CallState state) {
        Messages m = state.messages();
        Dom.setText(title, m.get(Msg.SHORTCUTS_TITLE));
        for (int i = 0; i < KEYS.length; i++) {
            Dom.setText(keys[i], KEYS[i] != null ? KEYS[i] : m.get(KEY_NAMES[i]));
            Dom.setText(descriptions[i], m.get(DOES[i]));
        }
        Dom.setText(close, m.get(Msg.CLOSE));
    }
}
