package org.conclave.client.sframe;

import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.conclave.client.sframe.SframeException.Reason;

/**
 * LiveKit's frame format, the one Element Call reads and writes (livekit-client's
 * {@code e2ee/worker/FrameCryptor.ts}; protocol.md §8), for calls with a participant who cannot
 * read SFrame:
 *
 * <pre>
 * clear codec bytes ‖ AES-128-GCM(payload) ‖ tag (16) ‖ IV (12) ‖ 0x0C ‖ key index (1)
 * </pre>
 *
 * The clear codec bytes are the AAD. The AES key is HKDF-SHA-256 of the key material with salt
 * {@code "LKFrameEncryptionKey"} and 128 zero bytes of info. The IV is the frame's SSRC, its RTP
 * timestamp and {@code timestamp − (sendCount mod 0xffff)}, big-endian 32-bit each, with
 * {@code sendCount} counted per SSRC from a random start. Unlike SFrame the format names a key by
 * one byte and does not bind the key index into the AAD; Conclave's key policy is the same for
 * both formats (docs/keys.md).
 */
public final class LiveKitFrames {
    public static final int IV_LENGTH = 12;
    /** The IV, its length byte and the key index. */
    public static final int TRAILER_LENGTH = IV_LENGTH + 2;
    private static final int TAG_LENGTH = 16;
    private static final byte[] SALT = {'L', 'K', 'F', 'r', 'a', 'm', 'e', 'E', 'n', 'c', 'r', 'y', 'p', 't', 'i', 'o',
        'n', 'K', 'e', 'y'};
    private static final CipherSuite SUITE = CipherSuite.AES_128_GCM_SHA256_128;

    private LiveKitFrames() {}

    /** The AES-128-GCM key livekit-client derives from {@code material} (the bytes a key message carries). */
    public static byte[] frameKey(byte[] material) {
        if (material == null || material.length == 0) {
            throw new IllegalArgumentException("no key material");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(material, SALT, new byte[128]));
        byte[] key = new byte[16];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    /** Writes the IV of a frame of {@code ssrc} at RTP {@code timestamp}, the sender's {@code sendCount}-th. */
    public static void iv(int ssrc, int timestamp, int sendCount, byte[] out) {
        putInt(out, 0, ssrc);
        putInt(out, 4, timestamp);
        putInt(out, 8, timestamp - (int) ((sendCount & 0xffffffffL) % 0xffff));
    }

    /**
     * The key index of a frame in this format with {@code clear} codec bytes in front, or -1 when
     * the frame cannot be one (too short, or no IV-length byte where the trailer has it). Only
     * the tag tells for sure.
     */
    public static int keyIndexOf(byte[] frame, int clear) {
        if (frame.length < clear + TAG_LENGTH + TRAILER_LENGTH || frame[frame.length - 2] != IV_LENGTH) {
            return -1;
        }
        return frame[frame.length - 1] & 0xff;
    }

    /**
     * H.264 in this format, as livekit-client writes it: the clear bytes (up to the first slice's
     * NAL unit header and one byte more) go with 4-byte start codes, as a receiver's depacketizer
     * rebuilds them (this is also the AAD), and everything after them is escaped as an RBSP (an
     * emulation-prevention 3 after two zeros before any byte up to 3), so that the ciphertext
     * cannot fake a start code inside the slice. This makes {@code header}'s 3-byte start codes
     * 4-byte ones.
     */
    public static byte[] normalizeStartCodes(byte[] header) {
        int shortCodes = 0;
        for (int i = 0; i + 2 < header.length; i++) {
            if (header[i] == 0 && header[i + 1] == 0 && header[i + 2] == 1 && (i == 0 || header[i - 1] != 0)) {
                shortCodes++;
            }
        }
        if (shortCodes == 0) {
            return header;
        }
        byte[] out = new byte[header.length + shortCodes];
        int o = 0;
        for (int i = 0; i < header.length; i++) {
            if (i + 2 < header.length && header[i] == 0 && header[i + 1] == 0 && header[i + 2] == 1
                    && (i == 0 || header[i - 1] != 0)) {
                out[o++] = 0;
            }
            out[o++] = header[i];
        }
        return out;
    }

    /** {@code data} from {@code from} on, escaped as an RBSP (see {@link #normalizeStartCodes}). */
    public static byte[] escape(byte[] data, int from) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length - from + 16);
        int zeros = 0;
        for (int i = from; i < data.length; i++) {
            int b = data[i] & 0xff;
            if (b <= 3 && zeros >= 2) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** Whether {@code data} from {@code from} on holds an emulation-prevention byte (0, 0, 3). */
    public static boolean needsUnescaping(byte[] data, int from) {
        for (int i = from; i + 3 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 3) {
                return true;
            }
        }
        return false;
    }

    /** {@code data} from {@code from} on with its emulation-prevention bytes removed. */
    public static byte[] unescape(byte[] data, int from) {
        byte[] out = new byte[data.length - from];
        int o = 0;
        for (int i = from; i < data.length; ) {
            if (data.length - i >= 3 && data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 3) {
                out[o++] = 0;
                out[o++] = 0;
                i += 3;
            } else {
                out[o++] = data[i++];
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    /** One sender's side: the current key and index, and a send counter per SSRC. */
    public static final class Sender {
        private final Aead aead;
        private final java.util.function.IntSupplier randomStart;
        private final Map<Integer, Integer> sendCounts = new HashMap<>();
        private AeadKey key;
        private int keyIndex = -1;

        /** {@code randomStart} gives each SSRC's first send count (livekit-client starts at a random one). */
        public Sender(Aead aead, java.util.function.IntSupplier randomStart) {
            this.aead = aead;
            this.randomStart = randomStart;
        }

        /** Protects from now on with the key from {@code material} under {@code index} (0–255). */
        public void setKey(int index, byte[] material) throws SframeException {
            if (index < 0 || index > 255) {
                throw new SframeException(Reason.INVALID_KEY, "key index " + index + " is not one byte");
            }
            AeadKey imported = aead.importKey(SUITE, frameKey(material));
            if (key != null) {
                key.destroy();
            }
            key = imported;
            keyIndex = index;
        }

        public int keyIndex() {
            return keyIndex;
        }

        /**
         * Protects {@code frame}, whose first {@code clear} bytes stay in clear (and are the AAD),
         * as a frame of {@code ssrc} at RTP {@code timestamp}.
         */
        public void protect(byte[] frame, int clear, int ssrc, int timestamp, FrameCallback done) {
            Frames.checkBounds(frame, 0, clear);
            if (key == null) {
                done.failed(new SframeException(Reason.NO_SENDER_KEY, "no key to protect with"));
                return;
            }
            if (frame.length > SframeLimits.MAX_FRAME_BYTES) {
                done.failed(new SframeException(Reason.TOO_LARGE, "frame of " + frame.length + " bytes"));
                return;
            }
            Integer count = sendCounts.get(ssrc);
            int sendCount = count == null ? randomStart.getAsInt() & 0xffff : count;
            sendCounts.put(ssrc, sendCount + 1);
            byte[] iv = new byte[IV_LENGTH];
            iv(ssrc, timestamp, sendCount, iv);
            AeadKey sealing = key;
            int index = keyIndex;
            Frames.run(callback -> sealing.seal(iv, frame, 0, clear, frame, clear, frame.length - clear, clear, callback),
                    out -> { }, new FrameCallback() {
                        @Override
                        public void done(byte[] sealed) {
                            byte[] out = new byte[sealed.length + TRAILER_LENGTH];
                            System.arraycopy(sealed, 0, out, 0, sealed.length);
                            Frames.copy(frame, 0, out, 0, clear);
                            Frames.copy(iv, 0, out, sealed.length, IV_LENGTH);
                            out[out.length - 2] = IV_LENGTH;
                            out[out.length - 1] = (byte) index;
                            done.done(out);
                        }

                        @Override
                        public void failed(SframeException error) {
                            done.failed(error);
                        }
                    });
        }
    }

    /** One receiver's side: the keys of one sender by index. */
    public static final class Receiver {
        private final Aead aead;
        private final Map<Integer, AeadKey> keys = new HashMap<>();

        public Receiver(Aead aead) {
            this.aead = aead;
        }

        /** Adds (or replaces) the key from {@code material} under {@code index} (0–255). */
        public void setKey(int index, byte[] material) throws SframeException {
            if (index < 0 || index > 255) {
                throw new SframeException(Reason.INVALID_KEY, "key index " + index + " is not one byte");
            }
            AeadKey old = keys.put(index, aead.importKey(SUITE, frameKey(material)));
            if (old != null) {
                old.destroy();
            }
        }

        /** Forgets the key under {@code index}. */
        public void removeKey(int index) {
            AeadKey old = keys.remove(index);
            if (old != null) {
                old.destroy();
            }
        }

        public boolean hasKey(int index) {
            return keys.containsKey(index);
        }

        /**
         * Opens {@code frame}, whose first {@code clear} bytes are the clear codec bytes, and reports
         * {@code clear bytes ‖ payload}; a frame not in this format, under an unknown index, or
         * whose tag does not match, fails.
         */
        public void unprotect(byte[] frame, int clear, FrameCallback done) {
            if (clear < 0 || frame.length > SframeLimits.MAX_FRAME_BYTES + clear + TAG_LENGTH + TRAILER_LENGTH) {
                done.failed(new SframeException(Reason.TOO_LARGE, "frame of " + frame.length + " bytes"));
                return;
            }
            int index = keyIndexOf(frame, clear);
            if (index < 0) {
                done.failed(new SframeException(Reason.TRUNCATED, "no LiveKit trailer"));
                return;
            }
            AeadKey opening = keys.get(index);
            if (opening == null) {
                done.failed(new SframeException(Reason.UNKNOWN_KEY, "no key under index " + index));
                return;
            }
            int ivAt = frame.length - TRAILER_LENGTH;
            byte[] iv = new byte[IV_LENGTH];
            Frames.copy(frame, ivAt, iv, 0, IV_LENGTH);
            Frames.run(callback -> opening.open(iv, frame, 0, clear, frame, clear, ivAt - clear, callback), out -> { },
                    ClearPrefix.restoring(frame, clear, done));
        }
    }
}
