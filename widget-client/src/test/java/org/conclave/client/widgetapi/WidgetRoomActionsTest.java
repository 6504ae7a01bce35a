package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.testing.MemoryTransport;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

/** Room actions over the Widget API tell a host's error reply from no reply at all. */
class WidgetRoomActionsTest {
    private final MemoryTransport transport = new MemoryTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final WidgetApiClient client = new WidgetApiClient("w1", transport, scheduler, new ListLog(), "t");
    private final WidgetRoomActions actions = new WidgetRoomActions(client);
    private final List<String> outcomes = new ArrayList<>();

    private final RoomActions.Callback record = new RoomActions.Callback() {
        @Override
        public void done(JsonObject response) {
            outcomes.add("done");
        }

        @Override
        public void failed(String reason) {
            outcomes.add("failed");
        }

        @Override
        public void timedOut(String reason) {
            outcomes.add("timed out");
        }
    };

    @Test
    void anErrorReplyFailsAndNoReplyTimesOut() {
        actions.updateDelayedEvent("d1", "restart", record);
        transport.deliver(WidgetApiClientTest.Reply.of(transport.last(),
                new JsonObject().put("error", new JsonObject().put("message", "M_NOT_FOUND"))));
        actions.updateDelayedEvent("d1", "restart", record);
        scheduler.advance(WidgetApiClient.REQUEST_TIMEOUT_MS);
        assertThat(outcomes).containsExactly("failed", "timed out");
    }

    @Test
    void aCallerThatDoesNotTellThemApartHearsATimeoutAsAFailure() {
        String[] heard = {null};
        actions.updateDelayedEvent("d1", "restart", new RoomActions.Callback() {
            @Override
            public void done(JsonObject response) {
                heard[0] = "done";
            }

            @Override
            public void failed(String reason) {
                heard[0] = reason;
            }
        });
        scheduler.advance(WidgetApiClient.REQUEST_TIMEOUT_MS);
        assertThat(heard[0]).contains("timed out");
    }
}
