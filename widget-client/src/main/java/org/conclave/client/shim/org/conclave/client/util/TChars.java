package org.conclave.client.shim.org.conclave.client.util;

import org.teavm.jso.JSBody;

/** {@code org.conclave.client.util.Chars} in the browser build: JavaScript's Unicode tables. */
public final class TChars {
    private TChars() {}

    /** Java's whitespace: JavaScript's {@code \s} and U+001C..U+001F, without the no-break spaces. */
    @JSBody(params = "codePoint", script = "return codePoint !== 0xA0 && codePoint !== 0x2007 && codePoint !== 0x202F"
            + " && codePoint !== 0xFEFF && new RegExp('^[\\\\s\\\\u001C-\\\\u001F]$', 'u').test(String.fromCodePoint(codePoint));")
    public static native boolean isWhitespace(int codePoint);

    @JSBody(params = "codePoint", script = "return new RegExp('^[\\\\p{L}\\\\p{Nd}]$', 'u').test(String.fromCodePoint(codePoint));")
    public static native boolean isLetterOrDigit(int codePoint);

    @JSBody(params = "codePoint", script = "var upper = String.fromCodePoint(codePoint).toUpperCase();"
            + " var first = upper.codePointAt(0);"
            + " return String.fromCodePoint(first).length === upper.length ? first : codePoint;")
    public static native int toUpperCase(int codePoint);
}
