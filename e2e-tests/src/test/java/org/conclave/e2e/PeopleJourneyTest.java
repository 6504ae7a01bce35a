package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.tile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** People by their names: the lobby says who you join as, tiles and the participant list name everyone. */
class PeopleJourneyTest extends JourneyBase {
    @Test
    void namesFromTheRoomOnTheLobbyTilesAndParticipantList(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = join("alice", room, "roomName=Mesh&displayName=Alice%20Liddell");
        alice.awaitReady();
        assertThat(alice.byTestId("user-id")).hasText("Joining as Alice Liddell · @alice:conclave.local (ALICEDEVICE)");
        alice.byTestId("join-button").click();
        Participant bob = inCall("bob", room, "&displayName=Bob%20%E2%80%AEevil");
        MeshCallJourneyTest.decodes(alice, "bob");
        assertThat(tile(alice, "bob").getByTestId("tile-name")).hasText("Bob evil");
        assertThat(tile(bob, "alice").getByTestId("tile-name")).hasText("Alice Liddell");
        assertThat(tile(alice, "alice").getByTestId("tile-name")).hasText("Alice Liddell (you)");
        assertThat(alice.widget().locator("[data-testid=participant][data-user=\"@bob:conclave.local\"] [data-testid=participant-name]"))
                .hasText("Bob evil");
        assertThat(alice.widget().locator("[data-testid=participant][data-user=\"@bob:conclave.local\"] [data-testid=participant-avatar]"))
                .hasText("BE");
        assertThat(alice.byTestId("user-id")).hasText("You are Alice Liddell · @alice:conclave.local (ALICEDEVICE)");
    }
}
