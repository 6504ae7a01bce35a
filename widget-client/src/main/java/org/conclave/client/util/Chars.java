package org.conclave.client.util;

/**
 * The Unicode character classes display names need. In the browser build this class is replaced
 * by {@code shim.org.conclave.client.util.TChars}, which asks JavaScript's own Unicode tables:
 * TeaVM's copy of them weighs about 14 KB of the page.
 */
public final class Chars {
    private Chars() {}

    /** As {@link Character#isWhitespace(int)}. */
    public static boolean isWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint);
    }

    /** As {@link Character#isLetterOrDigit(int)}. */
    public static boolean isLetterOrDigit(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    /** As {@link Character#toUpperCase(int)}: one code point for one. */
    public static int toUpperCase(int codePoint) {
        return Character.toUpperCase(codePoint);
    }
}
