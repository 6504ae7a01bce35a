package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Encrypted full-mesh calls in real Chromium with fake camera and microphone. */
class MeshCallJourneyTest extends JourneyBase {

    private Participant inCall(String user, String room) {
        Participant p = join(user, room, "roomName=Mesh");
        p.awaitReady();
        p.byTestId("join-button").click();
        assertThat(p.byTestId("lobby")).hasAttribute("data-presence", "in");
        return p;
    }

    static Locator tile(Participant viewer, String user) {
        return viewer.widget().locator("[data-testid=tile][data-screenshare=false][data-user=\"@" + user + ":conclave.local\"]");
    }

    static int framesDecoded(Participant viewer, String user) {
        return Integer.parseInt(tile(viewer, user).getAttribute("data-frames-decoded"));
    }

    @Test
    void twoDecodeEachOther(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && (framesDecoded(alice, "bob") < 20 || framesDecoded(bob, "alice") < 20)) {
            Thread.sleep(500);
        }
        System.out.println(tile(alice, "bob").evaluate("e => e.outerHTML"));
        System.out.println("DIAG alice " + tile(alice, "bob").evaluate("e => JSON.stringify(window.conclaveDiagnostics)"));
        System.out.println("DIAG bob " + tile(bob, "alice").evaluate("e => JSON.stringify(window.conclaveDiagnostics)"));
        System.out.println(String.join("\n", alice.console));
        assertThat(framesDecoded(alice, "bob")).isGreaterThan(20);
        assertThat(framesDecoded(bob, "alice")).isGreaterThan(20);
    }
}
