package org.conclave.client.util;

/**
 * UTF-8 without {@code java.nio.charset}: TeaVM's charset machinery weighs about 15 KB of the
 * page for two uses. Encoding gives the JDK's bytes (an unpaired surrogate as {@code ?}); decoding
 * gives the JDK's text for well-formed input and U+FFFD for each maximal ill-formed subpart
 * (where the JDK may use a different number of them).
 */
public final class Utf8 {
    private Utf8() {}

    /** The UTF-8 bytes of {@code s}. */
    public static byte[] encode(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cp = '?';
            }
            if (cp < 0x80) {
                out[n++] = (byte) cp;
            } else if (cp < 0x800) {
                out[n++] = (byte) (0xC0 | cp >> 6);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out[n++] = (byte) (0xE0 | cp >> 12);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else {
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            }
        }
        byte[] exact = new byte[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    /** The text of {@code length} UTF-8 bytes of {@code bytes} from {@code offset}. */
    public static String decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int need;
            int cp;
            int min2;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                cp = b & 0x1F;
                min2 = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                cp = b & 0x0F;
                min2 = b == 0xE0 ? 0xA0 : 0x80;
                max2 = b == 0xED ? 0x9F : 0xBF; // no surrogates
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                cp = b & 0x07;
                min2 = b == 0xF0 ? 0x90 : 0x80;
                max2 = b == 0xF4 ? 0x8F : 0xBF; // at most U+10FFFF
            } else {
                out.append('\uFFFD');
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                int c = j < end ? bytes[j] & 0xFF : -1;
                int lo = k == 0 ? min2 : 0x80;
                int hi = k == 0 ? max2 : 0xBF;
                if (c < lo || c > hi) {
                    ok = false;
                    break;
                }
                cp = cp << 6 | c & 0x3F;
            }
            if (!ok) {
                out.append('\uFFFD');
                i = j; // the maximal well-formed prefix is one replacement
                continue;
            }
            out.appendCodePoint(cp);
            i = j;
        }
        return out.toString();
    }
}
