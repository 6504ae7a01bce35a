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
         * {@code fromParent}: the event's source is this window's parent frame. For a
         * structured-clone object from the parent: {@code envelope}, JSON of its top-level
         * {@code api}, {@code widgetId}, {@code requestId} and {@code action} (each a string or
         * null) and {@code hasResponse}; {@code json}, the whole data as JSON text, or null with
         * {@code problem} saying why (longer than {@code maxChars}, or not serialisable);
         * {@code data}, the object itself, to echo in a reply. All null for anything else.
         */
        void handle(boolean fromParent, String origin, String envelope, String json, String problem, JSObject data);
    }

    /**
     * Adds a {@code message} listener. Data from anything but the parent frame is never read: only
     * its origin is passed on, so a hostile frame's payload does not even get serialised.
     */
    @JSBody(params = {"handler", "maxChars"}, script = "window.addEventListener('message', function(event) {"
            + "var fromParent = window.parent !== window && event.source === window.parent;"
            + "var data = fromParent ? event.data : null;"
            + "if (data === null || typeof data !== 'object') {"
            + "  handler(fromParent, String(event.origin), null, null, null, null); return;"
            + "}"
            + "var pick = function(name) { var value = data[name]; return typeof value === 'string' ? value : null; };"
            + "var envelope = JSON.stringify({api: pick('api'), widgetId: pick('widgetId'), requestId: pick('requestId'),"
            + "  action: pick('action'), hasResponse: 'response' in data});"
            + "var response = data.response;"
            + "if (data.action === 'org.matrix.msc4039.download_file' && response && typeof response === 'object') {"
            // A downloaded file (a Blob, which JSON cannot carry) becomes an object URL, if it is a
            // picture of at most 1 MB; anything else becomes null.
            + "  var file = response.file;"
            + "  response.file = typeof Blob !== 'undefined' && file instanceof Blob && file.size <= 1048576"
            + "    && /^image\\/(png|jpeg|gif|webp|svg\\+xml)$/.test(file.type) ? URL.createObjectURL(file) : null;"
            + "}"
            + "var json = null; var problem = null;"
            + "try { json = JSON.stringify(data); } catch (error) { problem = 'not serialisable as JSON'; }"
            + "if (json !== null && json.length > maxChars) { json = null; problem = 'larger than ' + maxChars + ' characters'; }"
            + "handler(true, String(event.origin), envelope, json, problem, data);"
            + "});")
    public static native void addMessageListener(MessageHandler handler, int maxChars);

    /** Posts {@code json} as a structured-clone object to the parent frame, to {@code origin} only. */
    @JSBody(params = {"json", "origin"}, script = "window.parent.postMessage(JSON.parse(json), origin);")
    public static native void postToParent(String json, String origin);

    /**
     * Replies to {@code request}, a message the parent sent: a copy of it with {@code response}
     * (JSON text) added, posted to {@code origin} only. The request's data is never serialised.
     */
    @JSBody(params = {"request", "response", "origin"}, script = ""
            + "var reply = {};"
            + "for (var name in request) { if (Object.prototype.hasOwnProperty.call(request, name)) { reply[name] = request[name]; } }"
            + "reply.response = JSON.parse(response);"
            + "window.parent.postMessage(reply, origin);")
    public static native void replyToParent(JSObject request, String response, String origin);

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

    /** Diagnostics as JSON, made when asked for. */
    @JSFunctor
    public interface JsonSource extends JSObject {
        String json();
    }

    /**
     * Publishes diagnostics (counts and ciphertext headers only) as {@code
     * window.conclaveDiagnostics}, made from {@code source} each time it is read: nothing is
     * spent on them while nobody looks.
     */
    @JSBody(params = "source", script = ""
            + "Object.defineProperty(window, 'conclaveDiagnostics', {configurable: true,"
            + "  get: function() { return JSON.parse(source()); }});")
    public static native void publishDiagnostics(JsonSource source);

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

    /**
     * Calls {@code callback} once, when the main thread is next idle or after {@code timeoutMs}
     * at the latest ({@code requestIdleCallback}; a plain timeout where there is none).
     */
    @JSBody(params = {"callback", "timeoutMs"}, script = ""
            + "if (typeof requestIdleCallback === 'function') {"
            + "  requestIdleCallback(function() { callback(); }, {timeout: timeoutMs});"
            + "} else { setTimeout(function() { callback(); }, timeoutMs); }")
    public static native void whenIdle(Callback callback, int timeoutMs);

    /**
     * Calls {@code callback} once, in a task after the window's {@code load} event (at once, in a
     * later task, when the document has already loaded). The parent's {@code load} event of our
     * iframe is dispatched in the same task as ours, so by then the host has seen it.
     */
    @JSBody(params = "callback", script = ""
            + "var later = function() { setTimeout(function() { callback(); }, 0); };"
            + "if (document.readyState === 'complete') { later(); } else { window.addEventListener('load', later, {once: true}); }")
    public static native void afterLoad(Callback callback);

    /**
     * Calls {@code callback} once, before the next frame is painted, or after {@code 100 ms}
     * where no frame comes (a hidden page paints none).
     */
    @JSBody(params = "callback", script = ""
            + "var done = false;"
            + "var run = function() { if (!done) { done = true; callback(); } };"
            + "requestAnimationFrame(run);"
            + "setTimeout(run, 100);")
    public static native void nextFrame(Callback callback);

    /** Hears which tiles are on screen. */
    @JSFunctor
    public interface ShownHandler extends JSObject {
        /**
         * The ids of the other participants' tiles on screen, one a line; the largest one's size in
         * device pixels; the grid's width in CSS pixels.
         */
        void shown(String tileIds, int width, int height, int gridWidth);
    }

    /**
     * Watches which tiles of the scrolling {@code grid} are on screen (scrolled into the grid's
     * view and the page's, the host's frame included), at least in part: those
     * observed with {@code observe(element)} ({@code data-tile-id}, not {@code data-self}), none
     * while the page is hidden, and the size of the largest of them (the spotlight's). Tells
     * {@code handler} once a frame after anything changed (a scroll, a resize of the grid or a tile,
     * a tile come, gone, hidden or shown by the layout, the page hidden or shown).
     */
    @JSBody(params = {"grid", "handler"}, script = ""
            + "var visible = new Set(); var pending = false;"
            + "var tell = function() {"
            + "  pending = false;"
            + "  var ids = [];"
            + "  if (document.visibilityState !== 'hidden') {"
            + "    visible.forEach(function(tileElement) {"
            + "      if (tileElement.isConnected && tileElement.getAttribute('data-self') !== 'true') { ids.push(tileElement.getAttribute('data-tile-id')); }"
            + "    });"
            + "  }"
            + "  var tile = null; var dpr = window.devicePixelRatio || 1;"
            + "  visible.forEach(function(tileElement) {"
            + "    if (tileElement.isConnected && (!tile || tileElement.clientWidth > tile.clientWidth)) { tile = tileElement; }"
            + "  });"
            + "  tile = tile || grid.querySelector('.tile');"
            + "  handler(ids.join('\\n'), tile ? Math.round(tile.clientWidth * dpr) : 0,"
            + "    tile ? Math.round(tile.clientHeight * dpr) : 0, grid.clientWidth);"
            + "};"
            + "var report = function() {"
            + "  if (pending) { return; }"
            + "  pending = true;"
            + "  var done = false; var run = function() { if (!done) { done = true; tell(); } };"
            + "  requestAnimationFrame(run); setTimeout(run, 100);"
            + "};"
            + "var intersections = new IntersectionObserver(function(entries) {"
            + "  entries.forEach(function(entry) { if (entry.isIntersecting) { visible.add(entry.target); } else { visible.delete(entry.target); } });"
            + "  report();"
            + "});"
            + "var resizes = new ResizeObserver(report); resizes.observe(grid);"
            + "document.addEventListener('visibilitychange', report);"
            + "return {observe: function(tileElement) { intersections.observe(tileElement); resizes.observe(tileElement); },"
            + "  unobserve: function(tileElement) { intersections.unobserve(tileElement); resizes.unobserve(tileElement);"
            + "    visible.delete(tileElement); report(); }};")
    public static native JSObject watchShown(JSObject grid, ShownHandler handler);

    @JSBody(params = {"watcher", "element"}, script = "watcher.observe(element);")
    public static native void watch(JSObject watcher, JSObject element);

    @JSBody(params = {"watcher", "element"}, script = "watcher.unobserve(element);")
    public static native void unwatch(JSObject watcher, JSObject element);

    /** Calls {@code callback} once, when {@code video} has its first frame ({@code loadeddata}). */
    @JSBody(params = {"video", "callback"}, script = ""
            + "video.addEventListener('loadeddata', function() { callback(); }, {once: true});")
    public static native void onFirstFrame(JSObject video, Callback callback);

    /** An HTTP answer: status (0 when none came), body text, or the network error. */
    @JSFunctor
    public interface HttpDone extends JSObject {
        void done(int status, String body, String error);
    }

    /**
     * {@code fetch} without cookies or cache: {@code GET} when {@code json} is null, else a
     * {@code POST} of {@code json}. The body may hold a secret: never logged here.
     */
    @JSBody(params = {"url", "json", "done"}, script = ""
            + "var init = {method: json === null ? 'GET' : 'POST', credentials: 'omit', cache: 'no-store'};"
            + "if (json !== null) { init.headers = {'Content-Type': 'application/json'}; init.body = json; }"
            + "fetch(url, init).then(function(res) {"
            + "  return res.text().then(function(text) { done(res.status, text, null); });"
            + "}).catch(function(error) { done(0, null, String(error && error.message || error)); });")
    public static native void http(String url, String json, HttpDone done);

    /** Sets the root font size ({@code "125%"}): the host's text size, which every rem follows. */
    @JSBody(params = "size", script = "var style = document.documentElement.style;"
            + " if (style.fontSize !== size) { style.fontSize = size; }")
    public static native void setFontScale(String size);

    /** Resolves {@code relative} against the page's URL. */
    @JSBody(params = "relative", script = "return new URL(relative, window.location.href).href;")
    public static native String resolve(String relative);
}
