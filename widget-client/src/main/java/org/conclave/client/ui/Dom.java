package org.conclave.client.ui;

import java.util.function.Supplier;
import org.teavm.jso.dom.events.EventTarget;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Small helpers for building DOM from Java: an element with a class and a test id, buttons that
 * act only once the view has its actions, and writes that touch the DOM only when something
 * changed (a render runs every frame while a call changes).
 */
final class Dom {
    private final HTMLDocument document;
    private final Supplier<CallView.Actions> actions;

    Dom(HTMLDocument document, Supplier<CallView.Actions> actions) {
        this.document = document;
        this.actions = actions;
    }

    /** A {@code tag} element with {@code className} (may be null) and {@code testId} (may be null). */
    HTMLElement el(String tag, String className, String testId) {
        HTMLElement e = document.createElement(tag);
        if (className != null) {
            e.setClassName(className);
        }
        if (testId != null) {
            e.setAttribute("data-testid", testId);
        }
        return e;
    }

    /** Like {@link #el} with text content. */
    HTMLElement text(String tag, String className, String testId, String text) {
        HTMLElement e = el(tag, className, testId);
        e.setTextContent(text);
        return e;
    }

    /** What a button does with the view's actions. */
    interface Press {
        void run(CallView.Actions actions);
    }

    /** A button in {@code parent} that does {@code onPress} once the view has its actions. */
    HTMLElement button(HTMLElement parent, String className, String testId, Press onPress) {
        HTMLElement b = el("button", className, testId);
        b.setAttribute("type", "button");
        ((EventTarget) b).addEventListener("click", event -> {
            CallView.Actions a = actions.get();
            if (a != null) {
                onPress.run(a);
            }
        });
        parent.appendChild(b);
        return b;
    }

    /** The view's actions, or null before it has them. */
    CallView.Actions actions() {
        return actions.get();
    }

    /** A {@code <video>} that plays inline, muted (audio goes through its own element or none). */
    HTMLElement video(String testId) {
        HTMLElement v = el("video", "video", testId);
        v.setAttribute("autoplay", "");
        v.setAttribute("playsinline", "");
        v.setAttribute("muted", "");
        return v;
    }

    HTMLDocument document() {
        return document;
    }

    /** Sets {@code e}'s text if it differs. */
    static void setText(HTMLElement e, String text) {
        if (!text.equals(e.getTextContent())) {
            e.setTextContent(text);
        }
    }

    /** Sets attribute {@code name} if it differs. */
    static void set(HTMLElement e, String name, String value) {
        if (!value.equals(e.getAttribute(name))) {
            e.setAttribute(name, value);
        }
    }

    /** Sets or removes a boolean attribute such as {@code disabled} or {@code hidden}. */
    static void flag(HTMLElement e, String name, boolean on) {
        if (on != e.hasAttribute(name)) {
            if (on) {
                e.setAttribute(name, "");
            } else {
                e.removeAttribute(name);
            }
        }
    }

    /** An icon button's icon and its name, for screen readers and as tooltip. */
    static void labelled(HTMLElement button, String icon, String name) {
        if (!name.equals(button.getAttribute("aria-label"))) {
            button.setInnerHTML(icon);
            button.setAttribute("aria-label", name);
            button.setAttribute("title", name);
        }
    }

    /** A toggle shown by its state's icon, named by what pressing it does. */
    static void iconToggle(HTMLElement button, boolean on, String onIcon, String offIcon, String onAction,
            String offAction) {
        labelled(button, on ? onIcon : offIcon, on ? onAction : offAction);
        set(button, "aria-pressed", on ? "true" : "false");
    }
}
