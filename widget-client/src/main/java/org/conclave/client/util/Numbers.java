package org.conclave.client.util;

/**
 * Doubles to and from decimal text. In the browser build this class is replaced by
 * {@code shim.org.conclave.client.util.TNumbers}, which uses JavaScript's own {@code Number}:
 * TeaVM's {@code Double.toString} and {@code parseDouble} weigh about 30 KB of the page.
 */
public final class Numbers {
    private Numbers() {}

    /** Decimal text of {@code value} (JSON number syntax for finite values). */
    public static String format(double value) {
        return Double.toString(value);
    }

    /** The value of {@code text}, which the caller has checked to be a JSON number. */
    public static double parse(String text) {
        return Double.parseDouble(text);
    }
}
