package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Key indexes are 0–255. A third device joins and leaves Alice and Bob's call 135 times; each
 * join and each leave moves both senders' keys one index on, so both wrap past 255 and reuse
 * indexes with new keys. After the wrap no frame fails, and they keep decoding each other.
 */
class KeyWrapJourneyTest extends JourneyBase {
    private static final String KEYS = "io.element.call.encryption_keys";
    private static final int CYCLES = 135;

    /** Key messages {@code from} sent to {@code to}, from the relay's log (indexes only, never keys). */
    private static List<JsonNode> keysSent(List<JsonNode> log, String from, String to) {
        return log.stream().filter(e -> KEYS.equals(e.path("type").asText()) && userId(from).equals(e.path("sender").asText())
                && userId(to).equals(e.path("user_id").asText())).toList();
    }

    /**
     * Waits until Alice has sent {@code aliceTo} more key messages than {@code aliceBefore}, and Bob
     * {@code bobTo} more than {@code bobBefore}.
     */
    private static void awaitKeys(String room, String aliceTo, int aliceBefore, String bobTo, int bobBefore) throws Exception {
        assertThat(MeshCallJourneyTest.within(20, () -> {
            try {
                List<JsonNode> log = toDeviceLog(room);
                return keysSent(log, "alice", aliceTo).size() > aliceBefore && keysSent(log, "bob", bobTo).size() > bobBefore;
            } catch (Exception e) {
                return false;
            }
        })).as("both rotated their keys (to " + aliceTo + " and " + bobTo + ")").isTrue();
    }

    @Test
    void keysKeepWorkingPastTheWrapOfTheirIndexes(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> both = aliceAndBobDecoding(room, "");
        Participant alice = both.get(0);
        Participant bob = both.get(1);

        int aliceFailuresAtWrap = -1;
        int bobFailuresAtWrap = -1;
        try (ScriptedDevice carol = new ScriptedDevice(server.port(), userId("carol"), "CAROLDEVICE", room)) {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                List<JsonNode> log = toDeviceLog(room);
                // A join: each ratchets its key and sends it to Carol only.
                carol.joinCall().get();
                awaitKeys(room, "carol", keysSent(log, "alice", "carol").size(), "carol", keysSent(log, "bob", "carol").size());
                // A leave: each sends a fresh key to the other only.
                log = toDeviceLog(room);
                carol.leaveCall().get();
                awaitKeys(room, "bob", keysSent(log, "alice", "bob").size(), "alice", keysSent(log, "bob", "alice").size());
                if (aliceFailuresAtWrap < 0 && wrapped(toDeviceLog(room))) {
                    aliceFailuresAtWrap = MeshCallJourneyTest.attr(alice, "bob", "data-failures");
                    bobFailuresAtWrap = MeshCallJourneyTest.attr(bob, "alice", "data-failures");
                    System.out.printf("key wrap: indexes wrapped at cycle %d of %d%n", cycle + 1, CYCLES);
                }
            }
        }
        assertThat(aliceFailuresAtWrap).as("the indexes wrapped").isNotNegative();

        MeshCallJourneyTest.decodes(alice, "bob");
        MeshCallJourneyTest.decodes(bob, "alice");
        List<JsonNode> log = toDeviceLog(room);
        System.out.printf("key wrap: %d key messages Alice to Bob, last index %d; failed frames after the wrap: %d and %d%n",
                keysSent(log, "alice", "bob").size(), lastIndex(log, "alice", "bob"),
                MeshCallJourneyTest.attr(alice, "bob", "data-failures") - aliceFailuresAtWrap,
                MeshCallJourneyTest.attr(bob, "alice", "data-failures") - bobFailuresAtWrap);
        assertThat(MeshCallJourneyTest.attr(alice, "bob", "data-failures")).as("Alice: no frame of Bob failed after the wrap")
                .isEqualTo(aliceFailuresAtWrap);
        assertThat(MeshCallJourneyTest.attr(bob, "alice", "data-failures")).as("Bob: no frame of Alice failed after the wrap")
                .isEqualTo(bobFailuresAtWrap);
    }

    /** Whether both have sent the other a key at an index lower than an earlier one (past 255). */
    private static boolean wrapped(List<JsonNode> log) {
        return wrappedFrom(log, "alice", "bob") && wrappedFrom(log, "bob", "alice");
    }

    private static boolean wrappedFrom(List<JsonNode> log, String from, String to) {
        int previous = -1;
        for (JsonNode e : keysSent(log, from, to)) {
            int index = e.path("key_index").asInt();
            if (index < previous) {
                return true;
            }
            previous = index;
        }
        return false;
    }

    private static int lastIndex(List<JsonNode> log, String from, String to) {
        List<JsonNode> sent = keysSent(log, from, to);
        return sent.isEmpty() ? -1 : sent.get(sent.size() - 1).path("key_index").asInt();
    }
}
