package org.conclave.client.e2ee;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeHeader;
import org.conclave.client.sframe.SframeReceiver;

/**
 * Unprotects one remote sender's media frames. Keys arrive by index ({@link #addKey}); a frame
 * under an index not yet given but derivable by the join ratchet is read with the derived key
 * (no glitch when the sender ratchets). Frames that cannot be read are refused and counted per
 * KID; the caller drops them.
 */
public final class FrameUnprotector {
    private final ReceiverKeys ring = new ReceiverKeys();
    private final SframeReceiver receiver;
    private final Map<Long, Long> failuresByKid = new LinkedHashMap<>();
    private long unprotectedFrames;

    public FrameUnprotector(Aead aead) {
        this.receiver = new SframeReceiver(FrameProtector.SUITE, aead);
    }

    /** A key this sender sent us. */
    public void addKey(MediaKey key) throws SframeException {
        ring.put(key);
        install(key);
    }

    /** Unprotects one received frame; {@code done} gets the frame to decode, or why it was dropped. */
    public void unprotect(MediaCodec codec, boolean keyFrame, byte[] frame, FrameCallback done) {
        int clear = codec.clearBytes(frame, keyFrame);
        FrameCallback counted = counting(frame, clear, done);
        if (codec == MediaCodec.H264 && clear > 0) {
            // A frame without a slice was sent with nothing clear; the scan may then have matched
            // ciphertext. Try the scanned length, then none.
            unprotectAt(clear, frame, new FrameCallback() {
                @Override
                public void done(byte[] output) {
                    counted.done(output);
                }

                @Override
                public void failed(SframeException error) {
                    unprotectAt(0, frame, counted);
                }
            });
            return;
        }
        unprotectAt(clear, frame, counted);
    }

    private void unprotectAt(int clear, byte[] frame, FrameCallback done) {
        try {
            SframeHeader header = SframeHeader.decode(frame, clear, frame.length - clear);
            long kid = header.kid();
            if (!receiver.hasKey(kid) && kid >= 0 && kid < 256) {
                MediaKey derived = ring.get((int) kid);
                if (derived != null) {
                    install(derived);
                }
            }
        } catch (SframeException e) {
            done.failed(e);
            return;
        }
        byte[] metadata = java.util.Arrays.copyOf(frame, clear);
        receiver.unprotect(frame, clear, frame.length - clear, metadata, new FrameCallback() {
            @Override
            public void done(byte[] plaintext) {
                byte[] out = new byte[clear + plaintext.length];
                System.arraycopy(metadata, 0, out, 0, clear);
                System.arraycopy(plaintext, 0, out, clear, plaintext.length);
                done.done(out);
            }

            @Override
            public void failed(SframeException error) {
                done.failed(error);
            }
        });
    }

    private FrameCallback counting(byte[] frame, int clear, FrameCallback done) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                unprotectedFrames++;
                done.done(output);
            }

            @Override
            public void failed(SframeException error) {
                long kid = -1;
                try {
                    kid = SframeHeader.decode(frame, clear, frame.length - clear).kid();
                } catch (SframeException malformed) {
                    // counted under -1: no readable KID
                }
                failuresByKid.merge(kid, 1L, Long::sum);
                done.failed(error);
            }
        };
    }

    private void install(MediaKey key) throws SframeException {
        byte[] bytes = key.bytes();
        try {
            receiver.addKey(key.index(), bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        // Keep the SFrame contexts to the indexes the ring still holds.
        for (int index = 0; index < 256; index++) {
            if (receiver.hasKey(index) && !contains(ring.indexes(), index)) {
                receiver.removeKey(index);
            }
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    public long unprotectedFrames() {
        return unprotectedFrames;
    }

    /** Dropped frames by KID (-1: no readable header). */
    public Map<Long, Long> failuresByKid() {
        return failuresByKid;
    }
}
