package org.conclave.client.sframe;

import org.conclave.client.sframe.SframeException.Reason;

/** Helpers shared by the sender and the receiver. */
final class Frames {
    private Frames() {}

    /**
     * Room for one frame's AAD ({@code header || metadata}, RFC 9605 §4.4.3): {@code scratch} when it
     * is long enough, else a new array to keep as the scratch from now on. Sender and receiver
     * reuse one for every frame, which the {@link AeadKey} contract allows.
     */
    static byte[] aadRoom(byte[] scratch, int metadataLength) {
        int needed = SframeHeader.MAX_SIZE + metadataLength;
        return scratch.length >= needed ? scratch : new byte[Math.max(needed, 2 * scratch.length)];
    }

    /**
     * {@code System.arraycopy} for the few bytes a frame copies (nonces, headers, tags, metadata).
     * Under TeaVM, arraycopy makes a typed-array view for every call, which costs more than a
     * loop over a dozen bytes; long copies still go to arraycopy. Arguments are the caller's
     * own, in bounds.
     */
    static void copy(byte[] src, int srcPos, byte[] dest, int destPos, int length) {
        if (length > 64) {
            System.arraycopy(src, srcPos, dest, destPos, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            dest[destPos + i] = src[srcPos + i];
        }
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
