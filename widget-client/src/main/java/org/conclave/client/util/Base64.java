package org.conclave.client.util;

/** Standard base64 with padding (RFC 4648 §4), strict on decode; lean under TeaVM. */
public final class Base64 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private Base64() {}

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 2) / 3 * 4);
        for (int i = 0; i < data.length; i += 3) {
            int b0 = data[i] & 0xff;
            int b1 = i + 1 < data.length ? data[i + 1] & 0xff : 0;
            int b2 = i + 2 < data.length ? data[i + 2] & 0xff : 0;
            out.append(ALPHABET[b0 >> 2]).append(ALPHABET[(b0 & 3) << 4 | b1 >> 4]);
            out.append(i + 1 < data.length ? ALPHABET[(b1 & 15) << 2 | b2 >> 6] : '=');
            out.append(i + 2 < data.length ? ALPHABET[b2 & 63] : '=');
        }
        return out.toString();
    }

    /**
     * Decodes padded standard base64; unpadded input is accepted too (Matrix clients send both).
     * Anything else (other characters, bad length, bits after the end) is an
     * {@link IllegalArgumentException}.
     */
    public static byte[] decode(String text) {
        int length = text.length();
        while (length > 0 && text.charAt(length - 1) == '=' && text.length() - length < 2) {
            length--;
        }
        if (length % 4 == 1 || (text.length() != length && text.length() % 4 != 0)) {
            throw new IllegalArgumentException("not base64: bad length or padding");
        }
        byte[] out = new byte[length * 3 / 4];
        int bits = 0;
        int buffer = 0;
        int at = 0;
        for (int i = 0; i < length; i++) {
            int value = valueOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not base64: bad character at " + i);
            }
            buffer = buffer << 6 | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[at++] = (byte) (buffer >> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("not base64: stray bits at the end");
        }
        return out;
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
