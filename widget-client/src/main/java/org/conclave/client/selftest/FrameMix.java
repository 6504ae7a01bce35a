package org.conclave.client.selftest;

/**
 * Frame sizes of a realistic call, for benchmarks: Opus audio of about 100 bytes at 50 frames/s and
 * 720p VP8 at about 1.7 Mbit/s and 30 fps, delta frames about 5 KB and a key frame of about 30 KB
 * each second. Sizes vary by ±10% from a fixed seed, so every backend sees the same frames.
 */
public final class FrameMix {
    public static final int AUDIO_BYTES = 100;
    public static final int DELTA_BYTES = 5 * 1024;
    public static final int KEY_BYTES = 30 * 1024;

    private FrameMix() {}

    /** {@code count} Opus-sized frames. */
    public static int[] audio(int count) {
        return sizes(count, AUDIO_BYTES, 1);
    }

    /** {@code count} VP8 delta-sized frames. */
    public static int[] delta(int count) {
        return sizes(count, DELTA_BYTES, 2);
    }

    /** {@code count} VP8 key-frame-sized frames. */
    public static int[] key(int count) {
        return sizes(count, KEY_BYTES, 3);
    }

    /**
     * One second of a call in send order: audio every 20 ms, video every 1/30 s starting with the
     * key frame (80 frames: 50 audio, 1 key, 29 delta).
     */
    public static int[] callSecond() {
        int[] audio = audio(50);
        int[] delta = delta(29);
        int[] out = new int[80];
        int a = 0;
        int v = 0;
        for (int i = 0; i < out.length; i++) {
            // Video frame v is due at v/30 s, audio frame a at a/50 s: compare v·50 with a·30.
            boolean videoNext = a == 50 || (v < 30 && v * 50 <= a * 30);
            if (videoNext) {
                out[i] = v == 0 ? key(1)[0] : delta[v - 1];
                v++;
            } else {
                out[i] = audio[a++];
            }
        }
        return out;
    }

    private static int[] sizes(int count, int mean, int seed) {
        int[] sizes = new int[count];
        int state = 0x9605 * seed;
        for (int i = 0; i < count; i++) {
            state = state * 1103515245 + 12345; // LCG: only needs to be the same everywhere
            int jitter = ((state >>> 16) % 21) - 10; // −10..+10 %
            sizes[i] = mean + mean * jitter / 100;
        }
        return sizes;
    }
}
