package org.conclave.client.e2ee;

import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeSender;

/**
 * Protects this device's outgoing media frames: {@code clear bytes || SFrame(header || ciphertext
 * || tag)}, the clear bytes authenticated as metadata, under the current {@link MediaKey} with the
 * key index as KID. Without a key a frame is refused ({@code NO_SENDER_KEY}): the caller drops it,
 * never sends it in clear.
 */
public final class FrameProtector {
    /** Conclave's SFrame suite for media. */
    public static final CipherSuite SUITE = CipherSuite.AES_128_GCM_SHA256_128;

    private final SframeSender sender;
    private long protectedFrames;
    private long refusedFrames;

    public FrameProtector(Aead aead) {
        this.sender = new SframeSender(SUITE, aead);
    }

    /** Protects from now on with {@code key} (KID = its index, counter from 0). */
    public void setKey(MediaKey key) throws SframeException {
        byte[] bytes = key.bytes();
        try {
            sender.setKey(key.index(), bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Protects one encoded frame; {@code done} gets the bytes to send, or the reason to drop it. */
    public void protect(MediaCodec codec, boolean keyFrame, byte[] frame, FrameCallback done) {
        int clear = codec.clearBytes(frame, keyFrame);
        byte[] metadata = java.util.Arrays.copyOf(frame, clear);
        sender.protectBehindMetadata(frame, clear, frame.length - clear, metadata, new FrameCallback() {
            @Override
            public void done(byte[] out) {
                protectedFrames++;
                done.done(out);
            }

            @Override
            public void failed(SframeException error) {
                refusedFrames++;
                done.failed(error);
            }
        });
    }

    public long protectedFrames() {
        return protectedFrames;
    }

    /** Frames not sent: no key yet, counter exhausted, too large, or a backend failure. */
    public long refusedFrames() {
        return refusedFrames;
    }
}
