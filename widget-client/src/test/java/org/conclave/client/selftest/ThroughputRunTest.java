package org.conclave.client.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import org.conclave.client.sframe.Aead;
import org.conclave.client.sframe.AeadCallback;
import org.conclave.client.sframe.AeadKey;
import org.conclave.client.sframe.BcAead;
import org.conclave.client.sframe.CipherSuite;
import org.conclave.client.sframe.SframeException;
import org.conclave.client.testing.DeferredAead;
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
                new SteppingClock(), 5000, false, r -> result[0] = r);
        assertThat(result[0]).isNotNull();
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isBetween(4990L, 5000L); // one clock reading per round trip
        assertThat(result[0].bytes()).isPositive();
    }

    @Test
    void anAsynchronousBackendKeepsItsWindowOfRoundTripsInFlight() throws SframeException {
        DeferredAead deferred = new DeferredAead(true);
        ThroughputRun.Result[] result = {null};
        ThroughputRun.start(deferred, CipherSuite.AES_128_CTR_HMAC_SHA256_80, FrameMix.delta(3), 4, new SteppingClock(),
                200, true, r -> result[0] = r);
        deferred.runAll();
        assertThat(deferred.maxInFlight).isEqualTo(4);
        assertThat(result[0]).isNotNull();
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isPositive();
        assertThat(result[0].megabytesPerSecond()).isPositive();
    }

    /** Bouncy Castle, counting the seals and opens that reach it. */
    private static final class CountingAead implements Aead {
        private final BcAead inner = new BcAead();
        int seals;
        int opens;

        @Override
        public AeadKey importKey(CipherSuite suite, byte[] key) throws SframeException {
            AeadKey real = inner.importKey(suite, key);
            return new AeadKey() {
                @Override
                public void seal(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                        int inLength, int headroom, AeadCallback done) {
                    seals++;
                    real.seal(nonce, aad, aadOffset, aadLength, in, inOffset, inLength, headroom, done);
                }

                @Override
                public void open(byte[] nonce, byte[] aad, int aadOffset, int aadLength, byte[] in, int inOffset,
                        int inLength, AeadCallback done) {
                    opens++;
                    real.open(nonce, aad, aadOffset, aadLength, in, inOffset, inLength, done);
                }

                @Override
                public void destroy() {
                    real.destroy();
                }
            };
        }

        @Override
        public String name() {
            return "counting";
        }
    }

    @Test
    void protectModeTimesProtectAlone() throws SframeException {
        CountingAead aead = new CountingAead();
        ThroughputRun.Result[] result = {null};
        ThroughputRun.start(aead, CipherSuite.AES_128_GCM_SHA256_128, FrameMix.delta(3), ThroughputRun.Mode.PROTECT, 1,
                new SteppingClock(), 100, false, r -> result[0] = r);
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isPositive().isEqualTo(aead.seals);
        assertThat(aead.opens).isZero();
    }

    @Test
    void unprotectModeOpensFramesProtectedOnceBeforehand() throws SframeException {
        CountingAead aead = new CountingAead();
        int[] sizes = FrameMix.audio(5);
        ThroughputRun.Result[] result = {null};
        ThroughputRun.start(aead, CipherSuite.AES_128_GCM_SHA256_128, sizes, ThroughputRun.Mode.UNPROTECT, 1,
                new SteppingClock(), 100, true, r -> result[0] = r);
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isGreaterThan(sizes.length).isEqualTo(aead.opens);
        assertThat(aead.seals).isEqualTo(sizes.length);
    }

    @Test
    void unprotectModeWaitsForAnAsynchronousBackendToSealFirst() throws SframeException {
        DeferredAead deferred = new DeferredAead(true);
        ThroughputRun.Result[] result = {null};
        ThroughputRun.start(deferred, CipherSuite.AES_128_GCM_SHA256_128, FrameMix.delta(3), ThroughputRun.Mode.UNPROTECT,
                2, new SteppingClock(), 50, true, r -> result[0] = r);
        deferred.runAll();
        assertThat(result[0]).isNotNull();
        assertThat(result[0].failures()).isZero();
        assertThat(result[0].frames()).isPositive();
    }

    @Test
    void modesAreNamedAsTheLabRequestsSpellThem() {
        assertThat(ThroughputRun.Mode.named("roundtrip")).isEqualTo(ThroughputRun.Mode.ROUND_TRIP);
        assertThat(ThroughputRun.Mode.named("protect")).isEqualTo(ThroughputRun.Mode.PROTECT);
        assertThat(ThroughputRun.Mode.named("unprotect")).isEqualTo(ThroughputRun.Mode.UNPROTECT);
        assertThat(ThroughputRun.Mode.named("both")).isNull();
        assertThat(ThroughputRun.Mode.named(null)).isNull();
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
