package org.conclave.client.shim.org.conclave.client.util;

import org.teavm.jso.JSBody;

/** {@code org.conclave.client.util.Numbers} in the browser build: JavaScript's {@code Number}. */
public final class TNumbers {
    private TNumbers() {}

    @JSBody(params = "value", script = "return String(value);")
    public static native String format(double value);

    @JSBody(params = "text", script = "return Number(text);")
    public static native double parse(String text);
}
