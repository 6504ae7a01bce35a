package org.conclave.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** The dedicated-worker globals the lab worker uses, declared in one place. */
public final class WorkerScope {
    private WorkerScope() {}

    /** Sends one JSON reply back to whoever asked. */
    @JSFunctor
    public interface Reply extends JSObject {
        void send(String json);
    }

    /** Handles one request (JSON text) and answers through {@code reply}, now or later. */
    @JSFunctor
    public interface RequestHandler extends JSObject {
        void handle(String json, Reply reply);
    }

    /** Publishes {@code handler} as {@code self.conclaveLab}, for the worker's boot script to call. */
    @JSBody(params = "handler", script = "self.conclaveLab = handler;")
    public static native void publish(RequestHandler handler);

    /** {@code performance.now()}: milliseconds, sub-millisecond resolution. */
    @JSBody(script = "return performance.now();")
    public static native double now();
}
