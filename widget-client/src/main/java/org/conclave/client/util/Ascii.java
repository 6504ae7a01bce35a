package org.conclave.client.util;

/**
 * ASCII-only character helpers. The JDK's {@code Character.digit} and {@code toLowerCase} pull
 * TeaVM's Unicode tables (~150 KB) into the page; the wire formats Conclave parses are ASCII.
 */
public final class Ascii {
    private Ascii() {}

    /** The value of hex digit {@code c}, or -1. */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code s} with A-Z lowered; other characters unchanged. */
    public static String toLowerCase(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append((char) (c + 32));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
