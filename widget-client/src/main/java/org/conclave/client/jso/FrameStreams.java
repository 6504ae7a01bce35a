package org.conclave.client.jso;

import org.conclave.client.util.JsonObject;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The frame worker's globals, declared in one place: encoded media frames arriving through
 * {@code RTCRtpScriptTransform} ({@code onrtctransform}) or, where that is missing, through streams
 * from {@code createEncodedStreams()} posted by the page; the page's control messages; and
 * {@code postMessage} back. Each transform handles one frame at a time, in order: the frame goes
 * on (with new data) or is dropped, never passed on unprocessed.
 */
public final class FrameStreams {
    private FrameStreams() {}

    /** Hands the data of one frame on, or drops the frame when {@code data} is null. */
    @JSFunctor
    public interface Emit extends JSObject {
        void emit(Int8Array data);
    }

    /** One encoded frame to protect ({@code send}) or unprotect (from {@code participant}). */
    @JSFunctor
    public interface FrameHandler extends JSObject {
        void frame(boolean send, String participant, String mimeType, boolean keyFrame, Int8Array data, int ssrc,
                int timestamp, Emit emit);
    }

    /** A control message from the page (JSON text). */
    @JSFunctor
    public interface ControlHandler extends JSObject {
        void control(String json);
    }

    /**
     * Routes every transform's frames to {@code frames} and the page's other messages to
     * {@code control}. A transform's options are {@code {side: "send"|"receive", participant, kind}},
     * or for a receiver whose sender is not yet known {@code {side: "receive", track, kind}}.
     */
    @JSBody(params = {"frames", "control"}, script = ""
            + "function pipe(transformer, options) {"
            + "  var sending = options.side === 'send';"
            + "  var participant = String(options.participant || '');"
            + "  var bound = options.track ? String(options.track) : null;"
            + "  var fallbackMime = options.kind === 'audio' ? 'audio/opus' : 'video/VP8';"
            + "  transformer.readable.pipeThrough(new TransformStream({"
            + "    transform: function(frame, controller) {"
            + "      return new Promise(function(resolve) {"
            + "        var handle = function(who) {"
            + "          if (!sending && who === '') { resolve(); return; }"
            + "          var meta = frame.getMetadata ? frame.getMetadata() : {};"
            + "          var mime = meta && meta.mimeType ? String(meta.mimeType) : fallbackMime;"
            + "          var done = function(out) {"
            + "            if (out !== null) {"
            + "              var whole = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength;"
            + "              frame.data = whole ? out.buffer : out.slice().buffer;"
            + "              controller.enqueue(frame);"
            + "            }"
            + "            resolve();"
            + "          };"
            + "          try {"
            + "            var rtpTime = meta && meta.rtpTimestamp !== undefined ? meta.rtpTimestamp : frame.timestamp;"
            + "            frames(sending, who, mime, frame.type === 'key', new Int8Array(frame.data),"
            + "                (meta && meta.synchronizationSource) | 0, rtpTime | 0, done);"
            + "          } catch (error) {"
            + "            console.warn('[conclave] frames: a frame was dropped: ' + (error && error.name ? error.name : 'error'));"
            + "            resolve();"
            + "          }"
            + "        };"
            + "        if (bound === null) { handle(participant); return; }"
            + "        if (self.conclaveBindings[bound]) { handle(self.conclaveBindings[bound]); return; }"
            + "        if (self.conclaveBindGaveUp[bound]) { handle(''); return; }"
            // Not bound yet: wait (the frames behind wait too, in order) for the page to name the
            // sender, at most BIND_WAIT_MS; the first key frame is among these frames.
            + "        var settled = false;"
            + "        var settle = function() {"
            + "          if (settled) { return; }"
            + "          settled = true;"
            + "          var list = self.conclaveBindWaiters[bound];"
            + "          if (list && list.indexOf(settle) >= 0) { list.splice(list.indexOf(settle), 1); }"
            + "          if (!self.conclaveBindings[bound]) { self.conclaveBindGaveUp[bound] = true; }"
            + "          handle(self.conclaveBindings[bound] || '');"
            + "        };"
            + "        (self.conclaveBindWaiters[bound] = self.conclaveBindWaiters[bound] || []).push(settle);"
            + "        setTimeout(settle, 1000);"
            + "      });"
            + "    }"
            + "  })).pipeTo(transformer.writable).catch(function() {});"
            + "}"
            + "self.conclaveBindings = Object.create(null);"
            + "self.conclaveBindWaiters = Object.create(null);"
            + "self.conclaveBindGaveUp = Object.create(null);"
            + "self.onrtctransform = function(event) {"
            + "  pipe(event.transformer, event.transformer.options || {});"
            + "};"
            + "self.onmessage = function(event) {"
            + "  var data = event.data;"
            + "  if (data && data.readable && data.writable) { pipe(data, data.options || {}); }"
            + "  else if (typeof data === 'string') { control(data); }"
            + "};")
    public static native void listen(FrameHandler frames, ControlHandler control);

    /**
     * Says whose frames the receiver of remote track {@code track} carries (an SFU receiver is
     * transformed before anyone knows); {@code participant} null: nobody's any more. The frames
     * of an unbound receiver wait for it up to a second (its first key frame is among them), in
     * order; then they are dropped: without knowing the sender, no key can open them.
     */
    @JSBody(params = {"track", "participant"}, script = ""
            + "if (participant === null) { delete self.conclaveBindings[track]; return; }"
            + "self.conclaveBindings[track] = participant;"
            + "delete self.conclaveBindGaveUp[track];"
            + "var waiting = self.conclaveBindWaiters[track];"
            + "delete self.conclaveBindWaiters[track];"
            + "if (waiting) { waiting.forEach(function(settle) { settle(); }); }")
    public static native void bind(String track, String participant);

    /** Posts JSON text to the page. */
    @JSBody(params = "json", script = "self.postMessage(json);")
    public static native void post(String json);

    /** A periodic task. */
    @JSFunctor
    public interface Tick extends JSObject {
        void tick();
    }

    /** Calls {@code task} every {@code millis}. */
    @JSBody(params = {"millis", "task"}, script = "self.setInterval(function() { task(); }, millis);")
    public static native void every(int millis, Tick task);

    /** Posts {@code message} as JSON text. */
    public static void post(JsonObject message) {
        post(message.toJson());
    }
}
