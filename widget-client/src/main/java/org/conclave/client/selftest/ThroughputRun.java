package org.conclave.client.selftest;

import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeReceiver;
import org.conclave.client.sframe.SframeSender;
import org.conclave.client.util.Clock;

/**
 * Measures protect+unprotect round trips over a list of frame sizes for a fixed time: each frame
 * is protected, unprotected, and checked for length, or byte for byte when {@code verify} is set
 * (for tests: comparing costs as much as a fast backend's work, so benchmarks leave it off). {@code window} round trips are in flight at
 * once, which is what lets an asynchronous backend overlap its promises; a synchronous backend
 * runs them one after another all the same (without growing the stack).
 */
public final class ThroughputRun {
    /** What the run measured. */
    public record Result(long frames, long bytes, double millis, long failures) {
        public double framesPerSecond() {
            return frames * 1000.0 / millis;
        }

        /** Payload megabytes (10^6 bytes) per second through protect and unprotect both. */
        public double megabytesPerSecond() {
            return bytes / 1000.0 / millis;
        }
    }

    /** Receives the result once the last round trip has finished. */
    public interface Listener {
        void finished(Result result);
    }

    private static final byte[] METADATA = {(byte) 0x90, 0x01, 0x02};

    private final byte[][] frames;
    private final SframeSender sender;
    private final SframeReceiver receiver;
    private final Clock clock;
    private final double durationMillis;
    private final Listener listener;
    private final boolean verify;
    private double start;
    private int nextFrame;
    private int runningLanes;
    private long done;
    private long bytes;
    private long failures;

    private ThroughputRun(Aead aead, CipherSuite suite, int[] sizes, Clock clock, double durationMillis,
            boolean verify, Listener listener) throws SframeException {
        this.frames = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            frames[i] = new byte[sizes[i]];
            for (int j = 0; j < sizes[i]; j++) {
                frames[i][j] = (byte) (j * 131 + i);
            }
        }
        byte[] baseKey = new byte[16];
        for (int i = 0; i < baseKey.length; i++) {
            baseKey[i] = (byte) (0xc0 + i);
        }
        this.sender = new SframeSender(suite, aead);
        this.receiver = new SframeReceiver(suite, aead);
        sender.setKey(0x2a, baseKey);
        receiver.addKey(0x2a, baseKey);
        this.clock = clock;
        this.durationMillis = durationMillis;
        this.listener = listener;
        this.verify = verify;
    }

    /** Starts a run; {@code listener} hears the result when it ends. */
    public static void start(Aead aead, CipherSuite suite, int[] sizes, int window, Clock clock,
            double durationMillis, boolean verify, Listener listener) throws SframeException {
        ThroughputRun run = new ThroughputRun(aead, suite, sizes, clock, durationMillis, verify, listener);
        run.start = clock.nowMillis();
        run.runningLanes = window;
        for (int i = 0; i < window; i++) {
            run.new Lane().next();
        }
    }

    private void laneFinished() {
        if (--runningLanes == 0) {
            listener.finished(new Result(done, bytes, clock.nowMillis() - start, failures));
        }
    }

    /** One chain of round trips; it loops while callbacks come back synchronously. */
    private final class Lane implements FrameCallback {
        private boolean starting;
        private boolean completedDuringStart;
        private boolean unprotecting;
        private byte[] current;

        void next() {
            while (clock.nowMillis() - start < durationMillis) {
                current = frames[nextFrame];
                nextFrame = (nextFrame + 1) % frames.length;
                unprotecting = false;
                starting = true;
                completedDuringStart = false;
                sender.protect(current, METADATA, this);
                starting = false;
                if (!completedDuringStart) {
                    return; // asynchronous: done() resumes the loop
                }
            }
            laneFinished();
        }

        @Override
        public void done(byte[] output) {
            if (!unprotecting) {
                unprotecting = true;
                receiver.unprotect(output, METADATA, this);
                return;
            }
            if (output.length == current.length && (!verify || java.util.Arrays.equals(output, current))) {
                done++;
                bytes += current.length;
            } else {
                failures++;
            }
            roundTripEnded();
        }

        @Override
        public void failed(SframeException error) {
            failures++;
            roundTripEnded();
        }

        private void roundTripEnded() {
            if (starting) {
                completedDuringStart = true;
            } else {
                next();
            }
        }
    }
}
