package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.ListLog;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class TransportRuleTest {
    private static final String ROOM = "!r:ex.org";
    private static final String OWN = "https://rtc.one.org/livekit/jwt";
    private static final String THEIRS = "https://rtc.two.org/livekit/jwt";
    private final ListLog log = new ListLog();
    private final RoomState room = new RoomState(ROOM, log);

    private void join(String user, String device, JsonObject active, JsonObject preferred, double ts) {
        room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", user)
                .put("state_key", "_" + user + "_" + device + "_m.call").put("origin_server_ts", ts)
                .put("content", CallMembership.joinContent(user, device, active, preferred, Double.NaN, 3_600_000)));
    }

    private List<Participant> others() {
        return new Participants(log).derive(room, 10_000);
    }

    private void livekit(String user, double ts, String service) {
        join(user, "D", CallMembership.livekitActive(), CallMembership.livekitFocus(service, ROOM), ts);
    }

    private void mesh(String user, double ts) {
        join(user, "D", CallMembership.meshTransport(), CallMembership.meshTransport(), ts);
    }

    @Test
    void theFirstDeviceTakesLiveKitWhenItKnowsAnSfuAndTheMeshOtherwise() {
        assertThat(TransportRule.decide(List.of(), OWN).serviceUrl()).isEqualTo(OWN);
        assertThat(TransportRule.decide(List.of(), null).isLiveKit()).isFalse();
    }

    @Test
    void aJoinerFollowsTheOldestParticipantsTransport() {
        mesh("@alice:ex.org", 1000);
        livekit("@bob:ex.org", 2000, THEIRS);
        assertThat(TransportRule.decide(others(), OWN).isLiveKit()).as("the oldest is a mesh peer").isFalse();
    }

    @Test
    void inALiveKitCallADeviceUsesItsOwnServiceOrElseTheOldestMembersOne() {
        livekit("@alice:ex.org", 1000, THEIRS);
        mesh("@bob:ex.org", 2000);
        assertThat(TransportRule.decide(others(), OWN).serviceUrl()).isEqualTo(OWN);
        assertThat(TransportRule.decide(others(), null).serviceUrl()).isEqualTo(THEIRS);
    }

    @Test
    void membersOfTransportsConclaveDoesNotSpeakAreSkipped() {
        join("@alice:ex.org", "D", new JsonObject().put("type", "com.example.other"),
                new JsonObject().put("type", "com.example.other"), 1000);
        assertThat(TransportRule.decide(others(), OWN).serviceUrl()).isEqualTo(OWN);
        livekit("@bob:ex.org", 2000, "javascript:alert(1)");
        assertThat(TransportRule.decide(others(), null).isLiveKit())
                .as("a LiveKit member without an http(s) service gives nothing to join through").isFalse();
    }
}
