package org.conclave.client.e2ee;

import java.util.Arrays;
import java.util.function.Consumer;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;

/** Helpers for the frame tests: keys of a known fill, and a synchronous frame callback. */
final class FrameTesting {
    private FrameTesting() {}

    /** A 32-byte key of {@code fill} under {@code index}. */
    static MediaKey key(int index, int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return new MediaKey(index, bytes);
    }

    /** A callback that stores the frame or the exception in {@code out[0]}. */
    static FrameCallback into(Object[] out) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                out[0] = output;
            }

            @Override
            public void failed(SframeException error) {
                out[0] = error;
            }
        };
    }

    /** A callback that adds the frame or the exception to {@code out}, in the order they come. */
    static FrameCallback into(java.util.List<Object> out) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                out.add(output);
            }

            @Override
            public void failed(SframeException error) {
                out.add(error);
            }
        };
    }

    /** Runs {@code call} with a callback; returns the frame it produced or the exception it failed with. */
    static Object run(Consumer<FrameCallback> call) {
        Object[] out = {null};
        call.accept(into(out));
        return out[0];
    }
}
