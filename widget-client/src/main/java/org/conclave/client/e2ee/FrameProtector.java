package org.conclave.client.e2ee;

import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.LiveKitFrames;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeSender;

/**
 * Protects this device's outgoing media frames: {@code clear bytes || SFrame(header || ciphertext
 * || tag)}, the clear bytes authenticated as metadata, under the current {@link MediaKey} with the
 * key index as KID; or, while a participant of the call reads only that (Element Call), in
 * LiveKit's format under the same key and index ({@link LiveKitFrames}). Without a key a frame is
 * refused ({@code NO_SENDER_KEY}): the caller drops it, never sends it in clear.
 */
public final class FrameProtector {
    /** Conclave's SFrame suite for media. */
    public static final CipherSuite SUITE = CipherSuite.AES_128_GCM_SHA256_128;

    private final SframeSender sender;
    private final LiveKitFrames.Sender liveKit;
    private boolean liveKitFormat;
    private long protectedFrames;
    private long refusedFrames;

    public FrameProtector(Aead aead) {
        this(aead, new java.security.SecureRandom()::nextInt);
    }

    /** {@code randomStart} gives LiveKit's format each SSRC's first send count. */
    public FrameProtector(Aead aead, java.util.function.IntSupplier randomStart) {
        this.sender = new SframeSender(SUITE, aead);
        this.liveKit = new LiveKitFrames.Sender(aead, randomStart);
    }

    /** Protects in LiveKit's format from now on ({@code true}), or in SFrame. */
    public void useLiveKitFormat(boolean on) {
        liveKitFormat = on;
    }

    public boolean liveKitFormat() {
        return liveKitFormat;
    }

    /** Protects from now on with {@code key} (KID = its index, counter from 0). */
    public void setKey(MediaKey key) throws SframeException {
        byte[] bytes = key.bytes();
        try {
            sender.setKey(key.index(), bytes);
            liveKit.setKey(key.index(), bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Protects one encoded frame; {@code done} gets the bytes to send, or the reason to drop it. */
    public void protect(MediaCodec codec, boolean keyFrame, byte[] frame, FrameCallback done) {
        protect(codec, keyFrame, frame, 0, 0, done);
    }

    /** As above, for a frame of RTP stream {@code ssrc} at RTP {@code timestamp} (LiveKit's format needs both). */
    public void protect(MediaCodec codec, boolean keyFrame, byte[] frame, int ssrc, int timestamp, FrameCallback done) {
        int clear = codec.clearBytes(frame, keyFrame);
        FrameCallback counted = new FrameCallback() {
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
        };
        if (liveKitFormat && codec == MediaCodec.H264 && clear > 0) {
            // livekit-client's H.264: 4-byte start codes in the clear header, the rest escaped.
            byte[] header = LiveKitFrames.normalizeStartCodes(java.util.Arrays.copyOf(frame, clear));
            byte[] input = frame;
            if (header.length != clear) {
                input = new byte[header.length + frame.length - clear];
                System.arraycopy(header, 0, input, 0, header.length);
                System.arraycopy(frame, clear, input, header.length, frame.length - clear);
            }
            int headerLength = header.length;
            liveKit.protect(input, headerLength, ssrc, timestamp, new FrameCallback() {
                @Override
                public void done(byte[] out) {
                    byte[] body = LiveKitFrames.escape(out, headerLength);
                    byte[] escaped = java.util.Arrays.copyOf(out, headerLength + body.length);
                    System.arraycopy(body, 0, escaped, headerLength, body.length);
                    counted.done(escaped);
                }

                @Override
                public void failed(SframeException error) {
                    counted.failed(error);
                }
            });
            return;
        }
        if (liveKitFormat) {
            liveKit.protect(frame, clear, ssrc, timestamp, counted);
            return;
        }
        byte[] metadata = java.util.Arrays.copyOf(frame, clear);
        sender.protectBehindMetadata(frame, clear, frame.length - clear, metadata, counted);
    }

    public long protectedFrames() {
        return protectedFrames;
    }

    /** Frames not sent: no key yet, counter exhausted, too large, or a backend failure. */
    public long refusedFrames() {
        return refusedFrames;
    }
}
