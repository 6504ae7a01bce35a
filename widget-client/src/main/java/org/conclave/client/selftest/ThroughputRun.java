package org.conclave.client.selftest;

import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.FrameCallback;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.sframe.SframeReceiver;
import org.conclave.client.sframe.SframeSender;
import org.conclave.client.util.Clock;

/**
 * Measures SFrame over a list of frame sizes for a fixed time. In {@link Mode#ROUND_TRIP} each
 * frame is protected, unprotected, and checked for length, or byte for byte when {@code verify} is
 * set (for tests: comparing costs as much as a fast backend's work, so benchmarks leave it off).
 * {@link Mode#PROTECT} and {@link Mode#UNPROTECT} time one side alone (the frames are protected
 * once beforehand for the latter), so a figure "each way" is measured rather than derived.
 * {@code window} operations are in flight at once, which is what lets an asynchronous backend
 * overlap its promises; a synchronous backend runs them one after another all the same (without
 * growing the stack).
 */
public final class ThroughputRun {
    /** What each timed operation is. */
    public enum Mode {
        ROUND_TRIP,
        PROTECT,
        UNPROTECT;

        /** {@code "roundtrip"}, {@code "protect"} or {@code "unprotect"}; null for anything else. */
        public static Mode named(String name) {
            for (Mode mode : values()) {
                if (mode.name().replace("_", "").equalsIgnoreCase(name)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** What the run measured. */
    public record Result(long frames, long bytes, double millis, long failures) {
        public double framesPerSecond() {
            return frames * 1000.0 / millis;
        }

        /** Payload megabytes (10^6 bytes) per second: each frame counts once per timed operation. */
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
    private final byte[][] sealed;
    private final Mode mode;
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

    private ThroughputRun(Aead aead, CipherSuite suite, int[] sizes, Mode mode, Clock clock, double durationMillis,
            boolean verify, Listener listener) throws SframeException {
        this.mode = mode;
        this.frames = new byte[sizes.length][];
        this.sealed = new byte[sizes.length][];
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

    /** Starts a run of round trips; {@code listener} hears the result when it ends. */
    public static void start(Aead aead, CipherSuite suite, int[] sizes, int window, Clock clock,
            double durationMillis, boolean verify, Listener listener) throws SframeException {
        start(aead, suite, sizes, Mode.ROUND_TRIP, window, clock, durationMillis, verify, listener);
    }

    /** Starts a run of {@code mode} operations; {@code listener} hears the result when it ends. */
    public static void start(Aead aead, CipherSuite suite, int[] sizes, Mode mode, int window, Clock clock,
            double durationMillis, boolean verify, Listener listener) throws SframeException {
        ThroughputRun run = new ThroughputRun(aead, suite, sizes, mode, clock, durationMillis, verify, listener);
        if (mode == Mode.UNPROTECT) {
            run.sealNext(0, window);
        } else {
            run.startLanes(window);
        }
    }

    /** Protects frame {@code index} and those after it, once each, then starts the timed lanes. */
    private void sealNext(int index, int window) {
        if (index == frames.length) {
            startLanes(window);
            return;
        }
        sender.protect(frames[index], METADATA, new FrameCallback() {
            @Override
            public void done(byte[] output) {
                sealed[index] = output;
                sealNext(index + 1, window);
            }

            @Override
            public void failed(SframeException error) {
                listener.finished(new Result(0, 0, 0, 1));
            }
        });
    }

    private void startLanes(int window) {
        start = clock.nowMillis();
        runningLanes = window;
        for (int i = 0; i < window; i++) {
            new Lane().next();
        }
    }

    private void laneFinished() {
        if (--runningLanes == 0) {
            listener.finished(new Result(done, bytes, clock.nowMillis() - start, failures));
        }
    }

    /** One chain of timed operations; it loops while callbacks come back synchronously. */
    private final class Lane implements FrameCallback {
        private boolean starting;
        private boolean completedDuringStart;
        private boolean unprotecting;
        private byte[] current;

        void next() {
            while (clock.nowMillis() - start < durationMillis) {
                int index = nextFrame;
                current = frames[index];
                nextFrame = (nextFrame + 1) % frames.length;
                unprotecting = mode == Mode.UNPROTECT;
                starting = true;
                completedDuringStart = false;
                if (unprotecting) {
                    receiver.unprotect(sealed[index], METADATA, this);
                } else {
                    sender.protect(current, METADATA, this);
                }
                starting = false;
                if (!completedDuringStart) {
                    return; // asynchronous: done() resumes the loop
                }
            }
            laneFinished();
        }

        @Override
        public void done(byte[] output) {
            if (!unprotecting && mode == Mode.PROTECT) {
                count(output.length > current.length);
                return;
            }
            if (!unprotecting) {
                unprotecting = true;
                receiver.unprotect(output, METADATA, this);
                return;
            }
            count(output.length == current.length && (!verify || java.util.Arrays.equals(output, current)));
        }

        private void count(boolean good) {
            if (good) {
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
