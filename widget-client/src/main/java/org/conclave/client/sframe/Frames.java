package org.conclave.client.sframe;

import org.conclave.client.sframe.SframeException.Reason;

/** Helpers shared by the sender and the receiver. */
final class Frames {
    private Frames() {}

    /** RFC 9605 §4.4.3: {@code AAD = header || metadata}, the header read from {@code frame[offset, offset + size)}. */
    static byte[] aad(byte[] frame, int offset, int headerSize, byte[] metadata) {
        byte[] aad = new byte[headerSize + metadata.length];
        System.arraycopy(frame, offset, aad, 0, headerSize);
        System.arraycopy(metadata, 0, aad, headerSize, metadata.length);
        return aad;
    }

    static void checkBounds(byte[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length + ") outside an array of "
                    + array.length);
        }
    }

    /**
     * Runs one AEAD operation and reports its output, after {@code finish}, or its failure to
     * {@code done}, exactly once. A runtime exception from the backend becomes
     * {@code BACKEND_FAILURE}; one thrown by {@code done} itself is the caller's and propagates.
     */
    static void run(AeadOperation operation, Finish finish, FrameCallback done) {
        Once once = new Once(finish, done);
        try {
            operation.run(once);
        } catch (RuntimeException e) {
            if (once.reported) {
                throw e;
            }
            once.failed(new SframeException(Reason.BACKEND_FAILURE, "AEAD failed: " + e.getClass().getSimpleName()));
        }
    }

    /** One {@link AeadKey#seal} or {@link AeadKey#open} call. */
    interface AeadOperation {
        void run(AeadCallback callback);
    }

    /** Last touches to a successful output before it is reported (e.g. writing the header). */
    interface Finish {
        void apply(byte[] output);
    }

    private static final class Once implements AeadCallback {
        private final Finish finish;
        private final FrameCallback done;
        boolean reported;

        Once(Finish finish, FrameCallback done) {
            this.finish = finish;
            this.done = done;
        }

        @Override
        public void succeeded(byte[] output) {
            if (!reported) {
                reported = true;
                if (finish != null) {
                    finish.apply(output);
                }
                done.done(output);
            }
        }

        @Override
        public void failed(SframeException error) {
            if (!reported) {
                reported = true;
                done.failed(error);
            }
        }
    }
}
