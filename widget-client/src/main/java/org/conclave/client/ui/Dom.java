package org.conclave.client.ui;

import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Small helpers for building DOM from Java: an element with a class and a test id. */
final class Dom {
    private final HTMLDocument document;

    Dom(HTMLDocument document) {
        this.document = document;
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

    HTMLDocument document() {
        return document;
    }
}
