package org.conclave.client.util;

/** Lowercase hex, without the JDK helpers that bloat TeaVM output. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes an even-length hex string; an {@link IllegalArgumentException} for anything else. */
    public static byte[] decode(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd-length hex");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Ascii.hexDigit(hex.charAt(2 * i));
            int low = Ascii.hexDigit(hex.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("not a hex digit at " + (2 * i));
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    /** An unsigned 64-bit value written as hex (1–16 digits). */
    public static long decodeUnsignedLong(String hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("need 1 to 16 hex digits");
        }
        long value = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Ascii.hexDigit(hex.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not a hex digit at " + i);
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
