package org.conclave.client.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.AeadCallback;
import org.conclave.client.sframe.AeadKey;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.util.Clock;
import org.junit.jupiter.api.Test;

/** The benchmark loop counts what it did, on a synchronous and on an asynchronous backend. */
class ThroughputRunTest {
    /** Advances one millisecond per reading, so a run of N ms reads the clock about N times. */
    private static final class SteppingClock implements Clock {
        private double now;

        @Override
        public double nowMillis() {
            return now++;
        }
    }

    @Test
    void aSynchronousBackendRunsRoundTripsWithoutDeepeningTheStack() throws SframeException {
        ThroughputRun.Result[] result = {null};
        ThroughputRun.start(new BcAead(), CipherSuite.AES_128_GCM_SHA256_128, FrameMix.callSecond(), 1,
                new SteppingClock(), 5000, r -> result[0] = r);
        assertThat(result[0]).isNotNull();
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isBetween(4990L, 5000L); // one clock reading per round trip
        assertThat(result[0].bytes()).isPositive();
    }

    @Test
    void anAsynchronousBackendKeepsItsWindowOfRoundTripsInFlight() throws SframeException {
        Deque<Runnable> pending = new ArrayDeque<>();
        int[] maxInFlight = {0};
        Aead deferred = new Aead() {
            private final BcAead inner = new BcAead();

            @Override
            public AeadKey importKey(CipherSuite suite, byte[] key) throws SframeException {
                AeadKey real = inner.importKey(suite, key);
                return new AeadKey() {
                    @Override
                    public void seal(byte[] nonce, byte[] aad, byte[] in, int off, int len, int headroom,
                            AeadCallback done) {
                        pending.add(() -> real.seal(nonce, aad, in, off, len, headroom, done));
                        maxInFlight[0] = Math.max(maxInFlight[0], pending.size());
                    }

                    @Override
                    public void open(byte[] nonce, byte[] aad, byte[] in, int off, int len, AeadCallback done) {
                        pending.add(() -> real.open(nonce, aad, in, off, len, done));
                    }

                    @Override
                    public void destroy() {
                        real.destroy();
                    }
                };
            }

            @Override
            public String name() {
                return "deferred";
            }
        };
        ThroughputRun.Result[] result = {null};
        ThroughputRun.start(deferred, CipherSuite.AES_128_CTR_HMAC_SHA256_80, FrameMix.delta(3), 4, new SteppingClock(),
                200, r -> result[0] = r);
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
        assertThat(maxInFlight[0]).isEqualTo(4);
        assertThat(result[0]).isNotNull();
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isPositive();
        assertThat(result[0].megabytesPerSecond()).isPositive();
    }

    @Test
    void theCallMixIsOneSecondOfAudioAndVideo() {
        int[] second = FrameMix.callSecond();
        assertThat(second).hasSize(80);
        assertThat(second[0]).isBetween(FrameMix.KEY_BYTES * 9 / 10, FrameMix.KEY_BYTES * 11 / 10);
        long audio = java.util.Arrays.stream(second).filter(size -> size < 1000).count();
        assertThat(audio).isEqualTo(50);
    }
}
