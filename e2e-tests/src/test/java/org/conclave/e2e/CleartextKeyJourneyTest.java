package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Someone plants media keys "from Bob" in Alice's widget as a cleartext to-device message (the
 * host delivers it with {@code encrypted: false}, as it would a message that was not
 * Olm-encrypted), for Bob's next indexes. The widget refuses it (MSC4143), says so in its log
 * without the contents, and when Bob's key moves on Alice keeps decoding him, with no failed frame.
 */
class CleartextKeyJourneyTest extends JourneyBase {

    @Test
    void aPlantedCleartextKeyIsRefusedAndBreaksNothing(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> both = aliceAndBobDecoding(room, "");
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        int bobsIndex = MeshCallJourneyTest.attr(alice, "bob", "data-key-index");
        int failuresBefore = MeshCallJourneyTest.attr(alice, "bob", "data-failures");

        // Planted for Bob's next three indexes: a join's ratchet and a leave's fresh key would use them.
        for (int step = 1; step <= 3; step++) {
            alice.page.evaluate("([room, index]) => window.harness.api.feedToDevice({type: 'io.element.call.encryption_keys',"
                    + " sender: '@bob:conclave.local', content: {keys: {index, key: btoa('planted-key-planted-key-planted!')},"
                    + " room_id: room, member: {claimed_device_id: 'BOBDEVICE', id: '@bob:conclave.local:BOBDEVICE'},"
                    + " session: {call_id: '', application: 'm.call', scope: 'm.room'}, sent_ts: Date.now()}}, false)",
                    java.util.List.of(room, (bobsIndex + step) % 256));
        }
        assertThat(MeshCallJourneyTest.within(10, () -> alice.console.stream()
                .filter(l -> l.contains("refused a cleartext io.element.call.encryption_keys from @bob:conclave.local")).count() == 3))
                .as("refused, with a reason").isTrue();
        assertThat(alice.console).noneMatch(l -> l.contains("planted") || l.contains("cGxhbnRlZC"));

        // Bob's key moves on: Carol joins (Bob ratchets) and leaves (Bob sends Alice a fresh key).
        try (ScriptedDevice carol = new ScriptedDevice(server.port(), userId("carol"), "CAROLDEVICE", room)) {
            carol.joinCall().get();
            assertThat(MeshCallJourneyTest.within(10, () -> MeshCallJourneyTest.attr(alice, "bob", "data-key-index") != bobsIndex))
                    .as("Bob's key moved on").isTrue();
            carol.leaveCall().get();
        }
        assertThat(MeshCallJourneyTest.within(10, () -> MeshCallJourneyTest.attr(alice, "bob", "data-key-index")
                == (bobsIndex + 2) % 256)).as("Bob's fresh key after the leave").isTrue();
        MeshCallJourneyTest.decodes(alice, "bob");
        assertThat(MeshCallJourneyTest.attr(alice, "bob", "data-failures")).as("no frame of Bob failed")
                .isEqualTo(failuresBefore);
    }
}
