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

    /** Shows {@code stream} in {@code video} (null: nothing), if it is not already shown. */
    @JSBody(params = {"video", "stream", "muted"}, script = ""
            + "video.muted = muted;"
            + "if (video.srcObject !== stream) {"
            + "  video.srcObject = stream;"
            + "  if (stream) { var played = video.play(); if (played && played.catch) { played.catch(function() {}); } }"
            + "}")
    public static native void showStream(JSObject video, JSObject stream, boolean muted);

    /** A key going down or up outside form fields. */
    @JSFunctor
    public interface KeyHandler extends JSObject {
        /** Returns true when the key was used (its default is then prevented). */
        boolean key(boolean down, String key, boolean repeat);
    }

    /** Listens to keys on the document, ignoring those typed into form fields or with modifiers. */
    @JSBody(params = "handler", script = ""
            + "var listener = function(event) {"
            + "  var tag = event.target && event.target.tagName ? String(event.target.tagName) : '';"
            + "  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || event.ctrlKey || event.metaKey || event.altKey) { return; }"
            + "  if (handler(event.type === 'keydown', String(event.key), !!event.repeat)) { event.preventDefault(); }"
            + "};"
            + "document.addEventListener('keydown', listener);"
            + "document.addEventListener('keyup', listener);")
    public static native void onKeys(KeyHandler handler);

    /** Publishes diagnostics (counts and ciphertext headers only) as {@code window.conclaveDiagnostics}. */
    @JSBody(params = "json", script = "window.conclaveDiagnostics = JSON.parse(json);")
    public static native void publishDiagnostics(String json);

    /** The value of a {@code <select>}. */
    @JSBody(params = "select", script = "return String(select.value);")
    public static native String valueOf(JSObject select);

    /** Sets the value of a {@code <select>}. */
    @JSBody(params = {"select", "value"}, script = "select.value = value;")
    public static native void setValue(JSObject select, String value);

    /** {@code performance.now()}. */
    @JSBody(script = "return performance.now();")
    public static native double performanceNow();

    /** A bare callback. */
    @JSFunctor
    public interface Callback extends JSObject {
        void run();
    }

    /** Calls {@code callback} once, when {@code video} has its first frame ({@code loadeddata}). */
    @JSBody(params = {"video", "callback"}, script = ""
            + "video.addEventListener('loadeddata', function() { callback(); }, {once: true});")
    public static native void onFirstFrame(JSObject video, Callback callback);
}
