package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionQualityTest {
    private final ConnectionQuality quality = new ConnectionQuality();

    private static ReceiveStats stats(int video, int audio, int lost, double jitter) {
        return new ReceiveStats(video, video / 3, video / 3, audio, 0, 0).withLoss(lost, jitter);
    }

    @Test
    void lossAndJitterSinceTheLastReportGiveTheLevel() {
        assertThat(quality.of("bob", stats(100, 50, 0, 0.001))).isEqualTo(ConnectionQuality.UNKNOWN);
        assertThat(quality.of("bob", stats(200, 100, 1, 0.005))).isEqualTo(ConnectionQuality.GOOD);
        assertThat(quality.of("bob", stats(300, 150, 9, 0.005))).as("8 of 158 lost").isEqualTo(ConnectionQuality.FAIR);
        assertThat(quality.of("bob", stats(400, 200, 30, 0.005))).as("21 of 171").isEqualTo(ConnectionQuality.POOR);
        assertThat(quality.of("bob", stats(500, 250, 30, 0.050))).as("no loss, 50 ms jitter").isEqualTo(ConnectionQuality.FAIR);
        assertThat(quality.of("bob", stats(600, 300, 30, 0.200))).as("200 ms jitter").isEqualTo(ConnectionQuality.POOR);
    }

    @Test
    void theSameReportGivesTheSameLevelAndSilenceAfterMediaIsPoor() {
        ReceiveStats first = stats(100, 50, 0, 0);
        quality.of("bob", first);
        ReceiveStats second = stats(200, 100, 0, 0);
        assertThat(quality.of("bob", second)).isEqualTo(ConnectionQuality.GOOD);
        assertThat(quality.of("bob", second)).as("a render between reports").isEqualTo(ConnectionQuality.GOOD);
        assertThat(quality.of("bob", stats(200, 100, 0, 0))).as("nothing arrived since").isEqualTo(ConnectionQuality.POOR);
    }

    @Test
    void countersThatStartOverAreNotTakenForLossAndLeaversAreForgotten() {
        quality.of("bob", stats(1000, 500, 0, 0));
        assertThat(quality.of("bob", stats(10, 5, 0, 0))).isEqualTo(ConnectionQuality.UNKNOWN);
        assertThat(quality.of("carol", stats(0, 0, 0, 0))).isEqualTo(ConnectionQuality.UNKNOWN);
        assertThat(quality.of("carol", stats(0, 0, 0, 0))).as("nothing ever arrived").isEqualTo(ConnectionQuality.UNKNOWN);
        quality.retain(Set.of("carol"));
        assertThat(quality.of("bob", stats(2000, 1000, 0, 0))).as("Bob forgotten: starts over").isEqualTo(ConnectionQuality.UNKNOWN);
    }
}
