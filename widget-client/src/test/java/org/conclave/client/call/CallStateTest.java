package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.conclave.client.i18n.Msg;
import org.conclave.client.i18n.Text;
import org.junit.jupiter.api.Test;

class CallStateTest {
    @Test
    void theHostsHandshakeDoesNotHideAnEarlierFailure() {
        // The frame worker can start (and fail) before the host's handshake completes: a pointer
        // on the Join button while the widget is still connecting.
        CallState state = new CallState("@a:ex.org", "A", "!r:ex.org");
        state.setFailed(Text.of(Msg.FRAME_WORKER_FAILED));
        state.setReady();
        assertThat(state.connection()).isEqualTo(CallState.Connection.FAILED);
        assertThat(state.error()).isEqualTo(Text.of(Msg.FRAME_WORKER_FAILED));
    }

    @Test
    void readyAfterConnecting() {
        CallState state = new CallState("@a:ex.org", "A", "!r:ex.org");
        assertThat(state.connection()).isEqualTo(CallState.Connection.CONNECTING);
        state.setReady();
        assertThat(state.connection()).isEqualTo(CallState.Connection.READY);
        assertThat(state.error()).isNull();
    }
}
