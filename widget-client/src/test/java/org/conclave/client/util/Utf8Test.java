package org.conclave.client.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void encodesAsTheJdkDoes() {
        String[] samples = {"", "plain", "Grüße", "العربية", "日本語", "emoji 🖐️👍", "lone \uD83D high", "lone \uDC00 low",
            "end \uD83D", "\u0000\u007F\u0080\u07FF\u0800\uFFFF"};
        for (String s : samples) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s), s);
        }
    }

    @Test
    void decodesWellFormedTextAsTheJdkDoes() {
        String s = "a é € 🖐️ \u0800 \uFFFD";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(s, Utf8.decode(b, 0, b.length));
        assertEquals("é", Utf8.decode(b, 2, 2));
    }

    @Test
    void decodesIllFormedBytesToReplacementsAsTheJdkDoes() {
        int[][] cases = {{0xC0, 0x80}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF5},
            {0xE2, 0x82}, {0xE2, 0x82, 0x41}, {0xF0, 0x9F, 0x96}, {0x80, 0x80}, {0xFF, 0x41}, {0xC3}};
        for (int[] c : cases) {
            byte[] b = new byte[c.length];
            for (int i = 0; i < c.length; i++) {
                b[i] = (byte) c[i];
            }
            assertEquals(collapsed(new String(b, StandardCharsets.UTF_8)), collapsed(Utf8.decode(b, 0, b.length)),
                    java.util.Arrays.toString(c));
        }
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(8)];
            random.nextBytes(b);
            assertEquals(collapsed(new String(b, StandardCharsets.UTF_8)), collapsed(Utf8.decode(b, 0, b.length)),
                    java.util.Arrays.toString(b));
        }
        assertEquals("\uFFFD", Utf8.decode(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2), "one replacement for a cut-off sequence");
        assertEquals("\uFFFDA", Utf8.decode(new byte[] {(byte) 0xE2, (byte) 0x82, 0x41}, 0, 3));
    }

    /** The same text up to how many replacement characters stand for one bad sequence. */
    private static String collapsed(String s) {
        return s.replaceAll("\uFFFD+", "\uFFFD");
    }
}
