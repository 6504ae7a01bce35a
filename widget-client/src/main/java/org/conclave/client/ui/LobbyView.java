package org.conclave.client.ui;

import org.conclave.client.call.CallState;
import org.conclave.client.util.Ascii;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Renders {@link CallState} as the widget's first screen: the room, who is joining, the connection
 * to the host, and the lobby. Text goes in with {@code textContent} only (room names are
 * user-controlled), and the theme becomes {@code <html data-theme>} for the stylesheet.
 */
public final class LobbyView {
    private final Dom dom;
    private final CallState state;
    private final HTMLElement roomName;
    private final HTMLElement user;
    private final HTMLElement status;
    private final HTMLElement join;
    private final HTMLElement root;
    private final HTMLElement participantList;
    private Runnable onJoin = () -> {};
    private Runnable onLeave = () -> {};

    /** Builds the view into {@code container} and keeps it in step with {@code state}. */
    public LobbyView(HTMLDocument document, HTMLElement container, CallState state) {
        this.dom = new Dom(document);
        this.state = state;
        root = dom.el("main", "conclave lobby", "lobby");

        HTMLElement header = dom.el("header", "room-bar", null);
        roomName = dom.el("h1", "room-name", "room-name");
        header.appendChild(roomName);
        header.appendChild(dom.text("span", "badge e2ee", "e2ee-badge", "End-to-end encrypted"));
        root.appendChild(header);

        HTMLElement panel = dom.el("section", "lobby-panel", null);
        HTMLElement preview = dom.el("div", "preview", "camera-preview");
        preview.appendChild(dom.text("span", "preview-label", null, "Camera preview"));
        panel.appendChild(preview);
        user = dom.el("p", "who", "user-id");
        panel.appendChild(user);
        status = dom.el("p", "status", "connection-status");
        status.setAttribute("role", "status");
        panel.appendChild(status);
        join = dom.text("button", "primary join", "join-button", "Join call");
        ((org.teavm.jso.dom.events.EventTarget) join).addEventListener("click", event -> {
            if (state.presence() == CallState.Presence.OUT) {
                onJoin.run();
            } else {
                onLeave.run();
            }
        });
        panel.appendChild(join);
        participantList = dom.el("ul", "participants", "participants");
        participantList.setAttribute("aria-label", "Participants");
        panel.appendChild(participantList);
        root.appendChild(panel);

        container.appendChild(root);
        state.addListener(this::render);
        render();
    }

    /** What the Join/Leave button does. */
    public void setActions(Runnable onJoin, Runnable onLeave) {
        this.onJoin = onJoin;
        this.onLeave = onLeave;
        render();
    }

    private void render() {
        dom.document().getDocumentElement().setAttribute("data-theme", state.theme().cssName());
        roomName.setTextContent(state.roomDisplayName());
        String who = state.userId() == null ? "" : state.userId();
        String as = state.presence() == CallState.Presence.IN ? "You are " : "Joining as ";
        user.setTextContent(who.isEmpty() ? "" : as + who + (state.deviceId() == null ? "" : " (" + state.deviceId() + ")"));
        root.setAttribute("data-connection", Ascii.toLowerCase(state.connection().name()));
        switch (state.connection()) {
            case CONNECTING:
                status.setTextContent("Connecting to your Matrix client…");
                join.setAttribute("disabled", "");
                break;
            case READY:
                renderPresence();
                break;
            default:
                status.setTextContent(state.error());
                join.setAttribute("disabled", "");
                break;
        }
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

    private void renderParticipants() {
        while (participantList.getFirstChild() != null) {
            participantList.removeChild(participantList.getFirstChild());
        }
        for (CallState.Row row : state.participants()) {
            HTMLElement item = dom.el("li", row.self() ? "participant self" : "participant", "participant");
            item.setAttribute("data-user", row.userId());
            item.setAttribute("data-device", row.deviceId());
            item.setAttribute("data-key-index", String.valueOf(row.keyIndex()));
            item.setAttribute("data-status", row.self() && state.presence() == CallState.Presence.LEAVING
                    ? "leaving" : "joined");
            item.appendChild(dom.text("span", "participant-user", null, row.userId()));
            item.appendChild(dom.text("span", "participant-device", null, row.deviceId()));
            item.appendChild(dom.text("span", "participant-key", null,
                    row.keyIndex() < 0 ? "no key yet" : "key " + row.keyIndex()));
            participantList.appendChild(item);
        }
    }
}
