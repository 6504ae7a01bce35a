package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A room member toggles its call membership 1,000 times in a few seconds while Alice and Bob are
 * in a call. Every push of the host still gets its answer within matrix-widget-api's 10 s, the
 * widgets' pages keep running, and once the storm stops Alice and Bob still decode each other and
 * the stormer is gone from their screens. The figures are printed.
 */
class MembershipStormJourneyTest extends JourneyBase {
    private static final int TOGGLES = 1000;

    /** Starts recording, in the widget's page, the longest gap between timer ticks (a stall). */
    private static void watchStalls(Participant p) {
        p.widget().locator("html").evaluate("() => { const probe = window.stallProbe = {longest: 0, last: performance.now()};"
                + " setInterval(() => { const now = performance.now(); probe.longest = Math.max(probe.longest, now - probe.last);"
                + " probe.last = now; }, 20); }");
    }

    private static double longestStall(Participant p) {
        return ((Number) p.widget().locator("html").evaluate("() => window.stallProbe.longest")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> pushes(Participant p) {
        return (Map<String, Number>) p.host("({...window.harness.pushes})");
    }

    @Test
    void everyPushIsAnsweredInTimeAndTheCallRecovers(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> both = aliceAndBobDecoding(room, "");
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        both.forEach(MembershipStormJourneyTest::watchStalls);

        long started = System.nanoTime();
        try (ScriptedDevice mallory = new ScriptedDevice(server.port(), userId("mallory"), "MALLORYDEVICE", room)) {
            List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
            for (int i = 0; i < TOGGLES; i++) {
                sent.add(i % 2 == 0 ? mallory.joinCall() : mallory.leaveCall());
            }
            ScriptedDevice.awaitAll(sent, 60);
        }
        double stormSeconds = (System.nanoTime() - started) / 1e9;

        // Every push answered: wait until none is outstanding (each has 10 s before it fails).
        for (Participant p : both) {
            assertThat(MeshCallJourneyTest.within(30, () -> {
                Map<String, Number> n = pushes(p);
                return n.get("answered").intValue() + n.get("failed").intValue() == n.get("sent").intValue();
            })).as(p.user + "'s pushes all settled").isTrue();
        }
        for (Participant p : both) {
            Map<String, Number> n = pushes(p);
            System.out.printf("membership storm: %d toggles in %.1f s; %s's widget answered %d of %d pushes in time"
                    + " (%d failed), slowest answer %.0f ms, longest stall of its page %.0f ms%n", TOGGLES, stormSeconds,
                    p.user, n.get("answered").intValue(), n.get("sent").intValue(), n.get("failed").intValue(),
                    n.get("slowestMs").doubleValue(), longestStall(p));
            assertThat(n.get("failed").intValue()).as(p.user + ": pushes unanswered within 10 s").isZero();
            assertThat(n.get("slowestMs").doubleValue()).isLessThan(10_000);
        }

        // Recovered by itself: the stormer (last toggle: out) is gone, and the call goes on.
        for (Participant p : both) {
            assertThat(MeshCallJourneyTest.within(20, () -> p.widget().locator("[data-testid=tile][data-self=false]").count() == 1))
                    .as(p.user + " shows only the other").isTrue();
        }
        MeshCallJourneyTest.decodes(alice, "bob");
        MeshCallJourneyTest.decodes(bob, "alice");
    }
}
