package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.attr;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A deployment whose LiveKit is a cluster: two real nodes sharing a real Redis behind one URL
 * ({@link LiveKitCluster}). Participants' signalling lands on either node, LiveKit carries the
 * room's media on one; when that node dies, the clients reconnect through the deployment's URL to
 * the node left, the room is made again there, and media and keys come back with nobody rejoining.
 */
class LiveKitClusterJourneyTest extends JourneyBase {
    static LiveKitCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LiveKitCluster.start();
        restartServerWithSfu(cluster.url(), cluster.apiKey, cluster.apiSecret, "conclave.local", Map.of(), c -> c);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    void expectedProblems(PageWatch watch) {
        super.expectedProblems(watch);
        SfuJourneyBase.expectSfuGoingAway(watch);
    }

    /** The node carrying {@code p}'s media, by its SFU candidate's port; null while it has none. */
    static LiveKitServer nodeOf(Participant p) {
        for (JsonNode pair : SfuCallJourneyTest.pairs(p)) {
            LiveKitServer node = cluster.nodeCarrying(pair.path("remotePort").asInt());
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    @Test
    void theRoomsNodeDiesAndTheCallComesBackOnTheOther(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> callers = aliceAndBobDecoding(room, "");
        Participant alice = callers.get(0);
        Participant bob = callers.get(1);
        for (LiveKitServer node : cluster.nodes) {
            assertThat(cluster.connectionsTo(node)).as("connections landed on node " + node.port).isGreaterThan(0);
        }
        assertThat(within(10, () -> nodeOf(alice) != null && nodeOf(alice) == nodeOf(bob)))
                .as("LiveKit carries the room on one node: " + SfuCallJourneyTest.pairs(alice) + " " + SfuCallJourneyTest.pairs(bob)
                        + "; the nodes' media ports " + cluster.nodes.stream().map(n -> n.udpStart + "-" + n.udpEnd).toList())
                .isTrue();
        LiveKitServer hosting = nodeOf(alice);
        LiveKitServer other = cluster.nodes.get(0) == hosting ? cluster.nodes.get(1) : cluster.nodes.get(0);
        int aliceKey = attr(bob, "alice", "data-key-index");
        int bobKey = attr(alice, "bob", "data-key-index");
        for (Participant p : callers) {
            SfuJourneyBase.recordProblems(p);
        }

        long killedAt = System.nanoTime();
        hosting.kill();
        // The media stops (a dead node says nothing: the clients find out from the closed
        // signalling connection), then comes back through the deployment's URL.
        assertThat(within(30, () -> !"connected".equals(SfuJourneyBase.sfuState(alice))
                || !"connected".equals(SfuJourneyBase.sfuState(bob)))).as("the clients see the node go").isTrue();
        double[] back = new double[2];
        for (int i = 0; i < 2; i++) {
            Participant viewer = callers.get(i);
            Participant sender = callers.get(1 - i);
            int stalled = attr(viewer, sender.user, "data-frames-decoded");
            assertThat(within(60, () -> attr(viewer, sender.user, "data-frames-decoded") > stalled + 20
                    && nodeOf(viewer) == other)).as(viewer.user + " decodes " + sender.user + " again, through the other node: "
                            + SfuCallJourneyTest.pairs(viewer) + "; the killed node " + hosting.port + ", the other "
                            + other.port + ", the viewer's media on " + (nodeOf(viewer) == null ? "none" : nodeOf(viewer).port)
                            + "; frames decoded " + attr(viewer, sender.user, "data-frames-decoded") + " (at the kill "
                            + stalled + ")\n" + viewer.user + "'s SFU connection: " + SfuJourneyBase.diagnostics(viewer).path("sfu")
                            + "\n" + sender.user + "'s SFU connection: " + SfuJourneyBase.diagnostics(sender).path("sfu")).isTrue();
            back[i] = (System.nanoTime() - killedAt) / 1e9;
        }
        System.out.printf("LiveKit cluster: the room's node killed; media back on the other node within %.1f s (Alice"
                + " sees Bob), %.1f s (Bob sees Alice)%n", back[0], back[1]);
        for (Participant p : callers) {
            assertThat(SfuJourneyBase.problemsSeen(p))
                    .as(p.user + "'s screen said the media server was away").contains("media server");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(p.byTestId("call-problem"))
                    .isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(30_000));
        }
        // Nobody left the call: the keys are those of before.
        assertThat(attr(bob, "alice", "data-key-index")).isEqualTo(aliceKey);
        assertThat(attr(alice, "bob", "data-key-index")).isEqualTo(bobKey);
        MeshCallJourneyTest.decodes(alice, "bob");
        MeshCallJourneyTest.decodes(bob, "alice");
    }
}
