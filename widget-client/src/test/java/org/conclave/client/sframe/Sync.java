package org.conclave.client.sframe;

/** Runs a protect or unprotect on a synchronous backend and hands back its outcome. */
final class Sync {
    private Sync() {}

    interface Call {
        void run(FrameCallback callback);
    }

    /** The output, or the {@link SframeException} the call reported. */
    static byte[] call(Call call) throws SframeException {
        Object[] result = {null};
        call.run(new FrameCallback() {
            @Override
            public void done(byte[] output) {
                result[0] = output;
            }

            @Override
            public void failed(SframeException error) {
                result[0] = error;
            }
        });
        if (result[0] instanceof SframeException e) {
            throw e;
        }
        if (result[0] == null) {
            throw new AssertionError("the callback was not called synchronously");
        }
        return (byte[]) result[0];
    }

    /** A callback for a later outcome: hands the output to {@code sink}; a failure fails the test. */
    static FrameCallback into(java.util.function.Consumer<byte[]> sink) {
        return new FrameCallback() {
            @Override
            public void done(byte[] output) {
                sink.accept(output);
            }

            @Override
            public void failed(SframeException error) {
                throw new AssertionError("unexpected failure: " + error.getMessage(), error);
            }
        };
    }

    static byte[] protect(SframeSender sender, byte[] plaintext, byte[] metadata) throws SframeException {
        return call(cb -> sender.protect(plaintext, metadata, cb));
    }

    static byte[] unprotect(SframeReceiver receiver, byte[] frame, byte[] metadata) throws SframeException {
        return call(cb -> receiver.unprotect(frame, metadata, cb));
    }
}
