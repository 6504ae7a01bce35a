package org.conclave.client.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountdownTest {
    @Test
    void theActionRunsOnceAtTheLastCallAndNeverAgain() {
        int[] ran = {0};
        Runnable done = Countdown.of(2, () -> ran[0]++);
        done.run();
        assertThat(ran[0]).isZero();
        done.run();
        assertThat(ran[0]).isEqualTo(1);
        done.run();
        assertThat(ran[0]).isEqualTo(1);
    }
}
