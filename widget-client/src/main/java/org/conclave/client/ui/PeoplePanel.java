package org.conclave.client.ui;

import org.conclave.client.call.CallState;
import org.conclave.client.call.SecurityCode;
import org.conclave.client.i18n.Messages;
import org.conclave.client.i18n.Msg;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Who is in the call (name, avatar or initials, device, client, key index) and the call security code
 * everyone compares ({@link SecurityCode}).
 */
final class PeoplePanel {
    private final Dom dom;
    private final HTMLElement list;
    private final HTMLElement securityCode;
    private java.util.List<CallState.Row> shownRows;
    private org.conclave.client.call.DisplayNames shownNames;
    private Messages shownMessages;
    private CallState.Presence shownPresence;
    private int shownAvatars = -1;

    PeoplePanel(Dom dom) {
        this.dom = dom;
        list = dom.el("ul", "participants", "participants");
        securityCode = dom.el("p", "security-code", "security-code");
        securityCode.setAttribute("role", "note");
    }

    HTMLElement list() {
        return list;
    }

    HTMLElement securityCode() {
        return securityCode;
    }

    void render(CallState state) {
        Messages m = state.messages();
        Dom.set(list, "aria-label", m.get(Msg.PARTICIPANTS));
        SecurityCode code = state.securityCode();
        Dom.setText(securityCode, code == null ? "" : code.emoji());
        Dom.set(securityCode, "data-code", code == null ? "" : code.words());
        Dom.set(securityCode, "aria-label", code == null ? m.get(Msg.SECURITY_CODE_NONE) : m.get(Msg.SECURITY_CODE, code.words()));
        Dom.set(securityCode, "title", m.get(Msg.SECURITY_CODE_HINT));
        // Rebuilt only when something it shows changed: renders come every frame in a busy call
        // (a join brings a burst of them), and a rebuilt avatar is a new image to decode. Names
        // come anew with each membership change, the rows with every render.
        if (state.participants().equals(shownRows) && state.names() == shownNames && m == shownMessages
                && state.presence() == shownPresence && state.avatarsVersion() == shownAvatars) {
            return;
        }
        shownRows = state.participants();
        shownNames = state.names();
        shownMessages = m;
        shownPresence = state.presence();
        shownAvatars = state.avatarsVersion();
        while (list.getFirstChild() != null) {
            list.removeChild(list.getFirstChild());
        }
        for (CallState.Row row : state.participants()) {
            HTMLElement item = dom.el("li", row.self() ? "participant self" : "participant", "participant");
            item.setAttribute("data-user", row.userId());
            item.setAttribute("data-device", row.deviceId());
            item.setAttribute("data-key-index", String.valueOf(row.keyIndex()));
            item.setAttribute("data-status", row.self() && state.presence() == CallState.Presence.LEAVING ? "leaving" : "joined");
            String picture = state.avatarPicture(state.names().avatar(row.userId()));
            HTMLElement avatar;
            if (picture != null) {
                avatar = dom.el("img", "participant-avatar", "participant-avatar");
                avatar.setAttribute("src", picture);
                avatar.setAttribute("alt", "");
            } else {
                avatar = dom.text("span", "participant-avatar", "participant-avatar", state.names().initials(row.userId()));
            }
            avatar.setAttribute("aria-hidden", "true");
            item.appendChild(avatar);
            HTMLElement person = dom.text("span", "participant-user", "participant-name", state.names().of(row.userId()));
            person.setAttribute("title", row.userId());
            item.appendChild(person);
            item.setAttribute("data-client", row.client());
            boolean elementCall = CallState.Row.ELEMENT_CALL.equals(row.client());
            item.appendChild(dom.text("span", "participant-device", null,
                    row.deviceId() + (elementCall ? " · " + row.client() : "")));
            item.appendChild(dom.text("span", "participant-key", null,
                    row.keyIndex() < 0 ? m.get(Msg.NO_KEY_YET) : m.get(Msg.KEY_NUMBER, String.valueOf(row.keyIndex()))));
            list.appendChild(item);
        }
    }
}
