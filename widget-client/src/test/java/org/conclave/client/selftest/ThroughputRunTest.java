package org.conclave.client.selftest;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void theCallMixIsOneSecondOfAudioAndVideo() {
        int[] second = FrameMix.callSecond();
        assertThat(second).hasSize(80);
        assertThat(second[0]).isBetween(FrameMix.KEY_BYTES * 9 / 10, FrameMix.KEY_BYTES * 11 / 10);
        long audio = java.util.Arrays.stream(second).filter(size -> size < 1000).count();
        assertThat(audio).isEqualTo(50);
    }
}
