package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.testing.ListLog;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class SecurityCodeTest {
    private static final String ROOM = "!r:ex.org";
    private final ListLog log = new ListLog();

    /** The participants of a call of {@code who}: {user, device, created_ts}. */
    private List<Participant> call(String[]... who) {
        RoomState room = new RoomState(ROOM, log);
        for (String[] m : who) {
            room.apply(new JsonObject().put("type", "m.room.member").put("state_key", m[0]).put("sender", m[0])
                    .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
            room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", m[0])
                    .put("state_key", "_" + m[0] + "_" + m[1] + "_m.call").put("origin_server_ts", 1000)
                    .put("content", CallMembership.joinContent(m[0], m[1], CallMembership.meshTransport(),
                            Double.parseDouble(m[2]), 3_600_000)));
        }
        return new Participants(log).derive(room, 2000);
    }

    private static SecurityCode code(String room, List<Participant> participants) {
        return SecurityCode.of(room, participants, 0);
    }

    private static final String[] ALICE = {"@alice:ex.org", "A", "100"};
    private static final String[] BOB = {"@bob:ex.org", "B", "200"};
    private static final String[] CAROL = {"@carol:ex.org", "C", "300"};

    @Test
    void everyoneWhoSeesTheSameDevicesShowsTheSameCodeWhateverTheOrder() {
        SecurityCode one = code(ROOM, call(ALICE, BOB, CAROL));
        List<Participant> reversed = new ArrayList<>(call(CAROL, BOB, ALICE));
        java.util.Collections.reverse(reversed);
        assertThat(SecurityCode.of(ROOM, reversed, 0)).isEqualTo(one);
        assertThat(one.emoji().split(" ")).hasSize(SecurityCode.LENGTH);
        assertThat(one.words().split(", ")).hasSize(SecurityCode.LENGTH);
    }

    @Test
    void aDeviceTheOthersDoNotSeeChangesTheCode() {
        SecurityCode seenByAll = code(ROOM, call(ALICE, BOB, CAROL));
        SecurityCode withAHiddenDevice = code(ROOM, call(ALICE, BOB, CAROL, new String[] {"@bob:ex.org", "HIDDEN", "250"}));
        assertThat(withAHiddenDevice).isNotEqualTo(seenByAll);
    }

    @Test
    void everyJoinAndLeaveGivesANewCodeARejoinToo() {
        SecurityCode three = code(ROOM, call(ALICE, BOB, CAROL));
        SecurityCode two = code(ROOM, call(ALICE, BOB));
        SecurityCode carolBack = code(ROOM, call(ALICE, BOB, new String[] {"@carol:ex.org", "C", "900"}));
        assertThat(Set.of(three, two, carolBack)).hasSize(3);
        assertThat(SecurityCode.of("!other:ex.org", call(ALICE, BOB), 0)).as("another room's call").isNotEqualTo(two);
    }

    @Test
    void aLeaveThatBringsBackAnEarlierSetStillGivesANewCode() {
        // Alice and Bob (latest membership event at 200), Carol joins (300) and leaves (400).
        SecurityCode before = SecurityCode.of(ROOM, call(ALICE, BOB), 200);
        SecurityCode after = SecurityCode.of(ROOM, call(ALICE, BOB), 400);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aCallOfOneHasNoCode() {
        assertThat(code(ROOM, call(ALICE))).isNull();
    }

    @Test
    void theCodesSpreadOverTheWholeTable() {
        Set<String> emoji = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            emoji.addAll(List.of(code(ROOM, call(ALICE, new String[] {"@bob:ex.org", "B", "" + i})).emoji().split(" ")));
        }
        assertThat(emoji).hasSizeGreaterThan(60);
        assertThat(SecurityCode.EMOJI).hasNumberOfRows(64);
    }
}
