package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.tile;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Raised hands and reactions with Element Call's events (an {@code m.reaction} 🖐️ on one's own
 * membership event, lowered by redaction; {@code io.element.call.reaction}), round trip between
 * two Conclave participants and from a device of another client; forged ones (on someone else's
 * membership) are not shown.
 */
class ReactionsJourneyTest extends JourneyBase {
    private static final LocatorAssertions.HasAttributeOptions LONG = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);

    @Test
    void aHandGoesUpAndDownAndAReactionShowsOnTheOthersScreen(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        Locator aliceAtBob = tile(bob, "alice");
        assertThat(aliceAtBob).hasAttribute("data-hand-raised", "false", LONG);
        assertThat(alice.byTestId("hand-button")).hasAttribute("aria-label", "Raise your hand");

        alice.byTestId("hand-button").click();
        assertThat(aliceAtBob).hasAttribute("data-hand-raised", "true", LONG);
        assertThat(aliceAtBob.getByTestId("tile-hand")).hasAttribute("aria-label", "Alice raised a hand");
        assertThat(tile(alice, "alice")).hasAttribute("data-hand-raised", "true");
        assertThat(alice.byTestId("hand-button")).hasAttribute("aria-pressed", "true");
        assertThat(alice.byTestId("hand-button")).hasAttribute("aria-label", "Lower your hand");
        alice.screenshot("hand-raised-desktop");
        alice.byTestId("hand-button").click();
        assertThat(aliceAtBob).hasAttribute("data-hand-raised", "false", LONG);
        assertThat(alice.byTestId("hand-button")).hasAttribute("aria-pressed", "false");

        // A reaction from the picker, by keyboard: it shows at Bob's for about three seconds.
        alice.byTestId("reactions-button").click();
        assertThat(alice.byTestId("reaction-picker")).isVisible();
        Locator thumbs = alice.widget().locator("[data-testid=reaction-choice][data-emoji='👍']");
        assertThat(thumbs).hasAttribute("aria-label", "Thumbs up");
        assertThat(thumbs).isFocused();
        alice.page.keyboard().press("Enter");
        assertThat(alice.byTestId("reaction-picker")).isHidden();
        assertThat(aliceAtBob).hasAttribute("data-reaction", "👍", LONG);
        assertThat(aliceAtBob.getByTestId("tile-reaction")).hasAttribute("aria-label", "Alice reacted 👍");
        assertThat(aliceAtBob).hasAttribute("data-reaction", "", LONG);
        // Escape closes the picker unused.
        alice.byTestId("reactions-button").click();
        alice.page.keyboard().press("Escape");
        assertThat(alice.byTestId("reaction-picker")).isHidden();
    }

    @Test
    void aJoinerSeesTheHandsRaisedBeforeAndNotThoseLowered(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        alice.byTestId("hand-button").click();
        bob.byTestId("hand-button").click();
        assertThat(tile(alice, "bob")).hasAttribute("data-hand-raised", "true", LONG);
        bob.byTestId("hand-button").click();
        assertThat(tile(alice, "bob")).hasAttribute("data-hand-raised", "false", LONG);
        // Carol joins now: Alice's hand is up (read from the room's timeline), Bob's is down.
        Participant carol = inCall("carol", room);
        assertThat(tile(carol, "alice")).hasAttribute("data-hand-raised", "true", LONG);
        assertThat(tile(carol, "bob")).hasAttribute("data-hand-raised", "false");
    }

    @Test
    void anotherClientsHandShowsAndAForgedOneDoesNot(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        try (ScriptedDevice mallory = new ScriptedDevice(server.port(), userId("mallory"), "MALLORYDEVICE", room)) {
            mallory.joinCall().get(10, TimeUnit.SECONDS);
            assertThat(tile(bob, "mallory")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
            assertThat(within(10, () -> mallory.membershipEventOf(userId("alice"), "ALICEDEVICE") != null)).isTrue();
            String alices = mallory.membershipEventOf(userId("alice"), "ALICEDEVICE");
            // Mallory raises Alice's hand and reacts for her: on Alice's membership, not her own.
            mallory.sendEvent("m.reaction", hand(alices)).get(10, TimeUnit.SECONDS);
            mallory.sendEvent("io.element.call.reaction", reaction(alices)).get(10, TimeUnit.SECONDS);
            // Then her own hand, in Element Call's form: that one shows (and proves the others arrived first).
            String own = mallory.membershipEventOf(userId("mallory"), "MALLORYDEVICE");
            mallory.sendEvent("m.reaction", hand(own)).get(10, TimeUnit.SECONDS);
            assertThat(tile(bob, "mallory")).hasAttribute("data-hand-raised", "true", LONG);
            assertThat(tile(bob, "alice")).hasAttribute("data-hand-raised", "false");
            assertThat(tile(bob, "alice")).hasAttribute("data-reaction", "");
            assertThat(tile(alice, "alice")).hasAttribute("data-hand-raised", "false");
        }
    }

    private static ObjectNode hand(String membershipEvent) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", membershipEvent).put("key", "🖐️");
        return content;
    }

    private static ObjectNode reaction(String membershipEvent) {
        ObjectNode content = JSON.createObjectNode().put("emoji", "🎉").put("name", "party");
        content.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", membershipEvent);
        return content;
    }
}
