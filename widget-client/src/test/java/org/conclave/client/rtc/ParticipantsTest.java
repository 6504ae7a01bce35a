package org.conclave.client.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.client.rtc.CallMembershipTest.ELEMENT_CALL_CONTENT;
import static org.conclave.client.rtc.CallMembershipTest.event;

import java.util.List;
import org.conclave.client.testing.ListLog;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParticipantsTest {
    private static final String ROOM = "!r:ex.org";
    private final ListLog log = new ListLog();
    private RoomState state;
    private Participants participants;

    @BeforeEach
    void setUp() {
        state = new RoomState(ROOM, log);
        participants = new Participants(log);
        for (String user : new String[] {"@alice:ex.org", "@bob:ex.org", "@carol:ex.org"}) {
            member(user, "join");
        }
    }

    private void member(String user, String membership) {
        state.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", membership)));
    }

    private void join(String user, String device, double ts) {
        String content = ELEMENT_CALL_CONTENT.replace("\"DEV\"", "\"" + device + "\"");
        state.apply(event(user, "_" + user + "_" + device + "_m.call", content, ts));
    }

    private List<String> who(double now) {
        return participants.derive(state, now).stream().map(p -> p.userId() + "/" + p.deviceId()).toList();
    }

    @Test
    void participantsAreOrderedOldestFirst() {
        join("@carol:ex.org", "C", 3000);
        join("@alice:ex.org", "A", 1000);
        join("@bob:ex.org", "B", 2000);
        assertThat(who(5000)).containsExactly("@alice:ex.org/A", "@bob:ex.org/B", "@carol:ex.org/C");
    }

    @Test
    void aLeaveRemovesTheDevice() {
        join("@alice:ex.org", "A", 1000);
        join("@bob:ex.org", "B", 2000);
        state.apply(event("@bob:ex.org", "_@bob:ex.org_B_m.call", "{}", 3000));
        assertThat(who(5000)).containsExactly("@alice:ex.org/A");
    }

    @Test
    void expiredMembershipsDoNotCount() {
        join("@alice:ex.org", "A", 1000);
        double expiry = 1000 + 14_400_000;
        assertThat(who(expiry - 1)).hasSize(1);
        assertThat(who(expiry)).isEmpty();
        assertThat(participants.nextExpiry(state, 5000)).isEqualTo(expiry);
    }

    @Test
    void onlyUsersJoinedToTheRoomTakePart() {
        join("@alice:ex.org", "A", 1000);
        join("@bob:ex.org", "B", 2000);
        member("@bob:ex.org", "leave");
        assertThat(who(5000)).containsExactly("@alice:ex.org/A");
        join("@dave:ex.org", "D", 2500); // never joined the room
        assertThat(who(5000)).containsExactly("@alice:ex.org/A");
    }

    @Test
    void oneParticipantPerDeviceTheOldestMembership() {
        join("@alice:ex.org", "A", 2000);
        // The same device under a legacy state key form, older.
        String content = ELEMENT_CALL_CONTENT.replace("\"DEV\"", "\"A\"");
        state.apply(event("@alice:ex.org", "@alice:ex.org_A", content, 1000));
        List<Participant> list = participants.derive(state, 5000);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).joinedAt()).isEqualTo(1000);
        join("@alice:ex.org", "PHONE", 3000);
        assertThat(who(5000)).containsExactly("@alice:ex.org/A", "@alice:ex.org/PHONE");
    }

    @Test
    void otherCallsAndForgedEventsAreIgnoredWithAReason() {
        join("@alice:ex.org", "A", 1000);
        state.apply(event("@bob:ex.org", "_@bob:ex.org_B_m.call",
                ELEMENT_CALL_CONTENT.replace("\"DEV\"", "\"B\"").replace("\"call_id\":\"\"", "\"call_id\":\"other\""), 2000));
        state.apply(event("@mallory:ex.org", "_@carol:ex.org_C_m.call",
                ELEMENT_CALL_CONTENT.replace("\"DEV\"", "\"C\""), 2000));
        state.apply(event("@carol:ex.org", "@carol:ex.org_C", "{\"application\":\"m.call\"}", 2000));
        assertThat(who(5000)).containsExactly("@alice:ex.org/A");
        assertThat(log.warned("state key does not belong")).isTrue();
        assertThat(log.warned("must be strings")).isTrue();
        int warnings = log.lines.size();
        participants.derive(state, 6000);
        assertThat(log.lines).hasSize(warnings); // each refusal logged once
    }

    @Test
    void meshAndLivekitMembersAreTold() {
        join("@alice:ex.org", "A", 1000);
        JsonObject mesh = CallMembership.joinContent("@bob:ex.org", "B", CallMembership.meshTransport(), Double.NaN,
                14_400_000);
        state.apply(event("@bob:ex.org", "_@bob:ex.org_B_m.call", mesh.toJson(), 2000));
        List<Participant> list = participants.derive(state, 5000);
        assertThat(list.get(0).isMesh()).isFalse();
        assertThat(list.get(1).isMesh()).isTrue();
    }
}
