package org.conclave.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The browser globals the widget page uses that teavm-jso-apis lacks, declared in one place.
 * Declarations only: logic lives in {@code platform}.
 */
public final class Browser {
    private Browser() {}

    /** Receives every {@code message} event of the window. */
    @JSFunctor
    public interface MessageHandler extends JSObject {
        /**
         * {@code fromParent}: the event's source is this window's parent frame. {@code json}: the
         * data as JSON text when it came from the parent and is a structured-clone object, else null.
         */
        void handle(boolean fromParent, String origin, String json);
    }

    /**
     * Adds a {@code message} listener. Data from anything but the parent frame is never read: only
     * its origin is passed on, so a hostile frame's payload does not even get serialised.
     */
    @JSBody(params = "handler", script = "window.addEventListener('message', function(event) {"
            + "var fromParent = window.parent !== window && event.source === window.parent;"
            + "var json = null;"
            + "if (fromParent && event.data !== null && typeof event.data === 'object') {"
            + "  try { json = JSON.stringify(event.data); } catch (error) { json = null; }"
            + "}"
            + "handler(fromParent, String(event.origin), json);"
            + "});")
    public static native void addMessageListener(MessageHandler handler);

    /** Posts {@code json} as a structured-clone object to the parent frame, to {@code origin} only. */
    @JSBody(params = {"json", "origin"}, script = "window.parent.postMessage(JSON.parse(json), origin);")
    public static native void postToParent(String json, String origin);

    /** {@code Date.now()}. */
    @JSBody(script = "return Date.now();")
    public static native double now();

    /** {@code console[level](message)}; level is log, info, warn or debug. */
    @JSBody(params = {"level", "message"}, script = "console[level]('[conclave] ' + message);")
    public static native void console(String level, String message);

    /** 32 random bits from {@code crypto.getRandomValues}. */
    @JSBody(script = "return crypto.getRandomValues(new Uint32Array(1))[0] | 0;")
    public static native int randomInt();
}
