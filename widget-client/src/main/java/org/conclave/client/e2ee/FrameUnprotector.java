package org.conclave.client.e2ee;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.ClearPrefix;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.LiveKitFrames;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeHeader;
import org.conclave.client.sframe.SframeReceiver;

/**
 * Unprotects one remote sender's media frames. Keys arrive by index ({@link #addKey}); a frame
 * under an index not yet given but derivable by the join ratchet is read with the derived key
 * (no glitch when the sender ratchets). Frames come in SFrame or in LiveKit's format (Element
 * Call's senders, and Conclave's own in a call with them: {@link LiveKitFrames}), the key index
 * naming the key in both; the format that read the sender's last frame is tried first. Frames
 * that cannot be read are refused and counted per KID; the caller drops them.
 */
public final class FrameUnprotector {
    private final ReceiverKeys ring = new ReceiverKeys();
    private final SframeReceiver receiver;
    private final LiveKitFrames.Receiver liveKit;
    private final boolean[] installed = new boolean[256];
    private final boolean[] liveKitInstalled = new boolean[256];
    private boolean liveKitFirst;
    private final Map<Long, Long> failuresByKid = new LinkedHashMap<>();
    private long unprotectedFrames;
    private int lastKid = -1;

    public FrameUnprotector(Aead aead) {
        this.receiver = new SframeReceiver(FrameProtector.SUITE, aead);
        this.liveKit = new LiveKitFrames.Receiver(aead);
    }

    /** A key this sender sent us. */
    public void addKey(MediaKey key) throws SframeException {
        ring.put(key);
        install(key);
    }

    /** Whether this sender gave any key yet. */
    public boolean hasKeys() {
        return !ring.isEmpty();
    }

    /** Unprotects one received frame; {@code done} gets the frame to decode, or why it was dropped. */
    public void unprotect(MediaCodec codec, boolean keyFrame, byte[] frame, FrameCallback done) {
        int clear = codec.clearBytes(frame, keyFrame);
        FrameCallback counted = counting(frame, clear, done);
        if (liveKitFirst) {
            readLiveKit(codec, clear, frame, orElse(() -> readSframe(codec, clear, frame, counted), counted));
        } else {
            readSframe(codec, clear, frame, orElse(() -> readLiveKit(codec, clear, frame, counted), counted));
        }
    }

    /** {@code done} for a success; {@code next} (which reports to {@code done} itself) after a failure. */
    private static FrameCallback orElse(Runnable next, FrameCallback done) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                done.done(output);
            }

            @Override
            public void failed(SframeException error) {
                next.run();
            }
        };
    }

    /** Reads a frame in LiveKit's format with the key its index names (given, or derived by the join ratchet). */
    private void readLiveKit(MediaCodec codec, int clear, byte[] received, FrameCallback done) {
        byte[] frame = received;
        if (codec == MediaCodec.H264 && clear > 0 && LiveKitFrames.needsUnescaping(received, clear)) {
            // livekit-client escapes H.264 after the clear header (LiveKitFrames.normalizeStartCodes).
            byte[] body = LiveKitFrames.unescape(received, clear);
            frame = java.util.Arrays.copyOf(received, clear + body.length);
            System.arraycopy(body, 0, frame, clear, body.length);
        }
        int index = LiveKitFrames.keyIndexOf(frame, clear);
        MediaKey key = index < 0 ? null : ring.get(index);
        if (key == null) {
            done.failed(new SframeException(SframeException.Reason.UNKNOWN_KEY, "no LiveKit-format key for this frame"));
            return;
        }
        if (!liveKitInstalled[index]) {
            byte[] bytes = key.bytes();
            try {
                liveKit.setKey(index, bytes);
                liveKitInstalled[index] = true;
            } catch (SframeException e) {
                done.failed(e);
                return;
            } finally {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        }
        liveKit.unprotect(frame, clear, new FrameCallback() {
            @Override
            public void done(byte[] output) {
                liveKitFirst = true;
                done.done(output);
            }

            @Override
            public void failed(SframeException error) {
                done.failed(error);
            }
        });
    }

    private void readSframe(MediaCodec codec, int clear, byte[] frame, FrameCallback done) {
        FrameCallback sframeRead = new FrameCallback() {
            @Override
            public void done(byte[] output) {
                liveKitFirst = false;
                done.done(output);
            }

            @Override
            public void failed(SframeException error) {
                done.failed(error);
            }
        };
        if (codec == MediaCodec.H264 && clear > 0) {
            // A frame without a slice was sent with nothing clear; the scan may then have matched
            // ciphertext. Try the scanned length, then none.
            unprotectAt(clear, frame, new FrameCallback() {
                @Override
                public void done(byte[] output) {
                    sframeRead.done(output);
                }

                @Override
                public void failed(SframeException error) {
                    unprotectAt(0, frame, sframeRead);
                }
            });
            return;
        }
        unprotectAt(clear, frame, sframeRead);
    }

    /** Unprotects with {@code clear} leading bytes; on an unknown KID derives its key once and retries. */
    private void unprotectAt(int clear, byte[] frame, FrameCallback done) {
        attempt(clear, frame, new FrameCallback() {
            @Override
            public void done(byte[] output) {
                done.done(output);
            }

            @Override
            public void failed(SframeException error) {
                if (error.reason() != SframeException.Reason.UNKNOWN_KEY || !deriveKeyFor(frame, clear)) {
                    done.failed(error);
                    return;
                }
                attempt(clear, frame, done);
            }
        });
    }

    private void attempt(int clear, byte[] frame, FrameCallback done) {
        byte[] metadata = java.util.Arrays.copyOf(frame, clear);
        receiver.unprotect(frame, clear, frame.length - clear, metadata, ClearPrefix.restoring(metadata, clear, done));
    }

    /** Installs the ratchet-derived key for the frame's KID if the ring can derive it. */
    private boolean deriveKeyFor(byte[] frame, int clear) {
        long kid = kidOf(frame, clear);
        MediaKey derived = kid >= 0 && kid < 256 ? ring.get((int) kid) : null;
        if (derived == null) {
            return false;
        }
        try {
            install(derived);
            return true;
        } catch (SframeException e) {
            return false;
        }
    }

    private FrameCallback counting(byte[] frame, int clear, FrameCallback done) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                unprotectedFrames++;
                lastKid = liveKitFirst ? LiveKitFrames.keyIndexOf(frame, clear) : smallKid(frame, clear);
                done.done(output);
            }

            @Override
            public void failed(SframeException error) {
                failuresByKid.merge(kidOf(frame, clear), 1L, Long::sum);
                done.failed(error);
            }
        };
    }

    /**
     * The KID of an accepted frame without parsing its whole header: Conclave's KIDs are key
     * indexes (0–255), written in the config byte (below 8) or in one byte after it.
     */
    private static int smallKid(byte[] frame, int clear) {
        if (clear >= frame.length) {
            return -1;
        }
        int config = frame[clear] & 0xff;
        if ((config & 0x80) == 0) {
            return (config >> 4) & 0x07;
        }
        int kidLength = ((config >> 4) & 0x07) + 1;
        return kidLength == 1 && clear + 1 < frame.length ? frame[clear + 1] & 0xff : -1;
    }

    /** True when the last frame read was in LiveKit's format (false before the first). */
    public boolean lastReadLiveKit() {
        return liveKitFirst && unprotectedFrames > 0;
    }

    /** The KID of the last frame read, or -1 before the first. */
    public int lastKid() {
        return lastKid;
    }

    /** The frame's KID, or -1 when its header is unreadable. */
    private static long kidOf(byte[] frame, int clear) {
        try {
            return SframeHeader.decode(frame, clear, frame.length - clear).kid();
        } catch (SframeException malformed) {
            return -1;
        }
    }

    private void install(MediaKey key) throws SframeException {
        byte[] bytes = key.bytes();
        try {
            receiver.addKey(key.index(), bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        installed[key.index()] = true;
        // Keep the SFrame contexts to the indexes the ring still holds.
        boolean[] held = new boolean[256];
        for (int index : ring.indexes()) {
            held[index] = true;
        }
        for (int index = 0; index < 256; index++) {
            if (installed[index] && !held[index]) {
                receiver.removeKey(index);
                installed[index] = false;
            }
            if (liveKitInstalled[index] && (!held[index] || index == key.index())) {
                liveKit.removeKey(index); // gone, or replaced: installed again from the ring when needed
                liveKitInstalled[index] = false;
            }
        }
    }

    public long unprotectedFrames() {
        return unprotectedFrames;
    }

    /** Dropped frames by KID (-1: no readable header). */
    public Map<Long, Long> failuresByKid() {
        return failuresByKid;
    }
}
