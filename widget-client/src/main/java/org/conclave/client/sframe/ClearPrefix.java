package org.conclave.client.sframe;

/** Puts a media frame's clear codec bytes back in front of what was decrypted. */
public final class ClearPrefix {
    private ClearPrefix() {}

    /**
     * A callback that hands {@code done} the first {@code clear} bytes of {@code source} followed
     * by the plaintext it gets, and passes failures on. {@code source} must not change meanwhile.
     */
    public static FrameCallback restoring(byte[] source, int clear, FrameCallback done) {
        return new FrameCallback() {
            @Override
            public void done(byte[] payload) {
                byte[] out = new byte[clear + payload.length];
                Frames.copy(source, 0, out, 0, clear);
                System.arraycopy(payload, 0, out, clear, payload.length);
                done.done(out);
            }

            @Override
            public void failed(SframeException error) {
                done.failed(error);
            }
        };
    }
}
