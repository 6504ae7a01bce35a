package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.tile;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The call screen: people by their names (the lobby says who you join as, tiles and the
 * participant list name everyone), and each tile's connection quality.
 */
class CallScreenJourneyTest extends JourneyBase {
    @Test
    void namesFromTheRoomOnTheLobbyTilesAndParticipantList(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = join("alice", room, "roomName=Mesh&displayName=Alice%20Liddell");
        alice.awaitReady();
        assertThat(alice.byTestId("user-id")).hasText("Joining as Alice Liddell · @alice:conclave.local (ALICEDEVICE)");
        alice.byTestId("join-button").click();
        Participant bob = inCall("bob", room, "&displayName=Bob%20%E2%80%AEevil&avatar=none");
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

    @Test
    void theCallScreenShowsFromTheClickSaysJoiningAndLeavingAndHandsWaitUntilTheCallCountsUs(TestInfo test) {
        String room = roomFor(test);
        // The host's homeserver connection holds our membership event until released, so that the
        // moment between the click and the membership's echo lasts as long as this journey needs.
        AtomicBoolean holding = new AtomicBoolean(true);
        AtomicBoolean holdingLeave = new AtomicBoolean(false);
        List<String> held = new ArrayList<>();
        AtomicReference<WebSocketRoute> homeserver = new AtomicReference<>();
        Participant alice = new Participant(browser, hostOrigin(), "alice", room, "roomName=Mesh",
                context -> context.routeWebSocket(Pattern.compile(".*/demo/relay\\?.*"), page -> {
                    WebSocketRoute server = page.connectToServer();
                    homeserver.set(server);
                    page.onMessage(frame -> {
                        String text = frame.text();
                        // The leave sends the membership's end (or has the homeserver send the delayed one now).
                        boolean membership = text.contains("\"op\":\"send_event\"") && text.contains("call.member")
                                || holdingLeave.get() && text.contains("\"op\":\"update_delayed\"");
                        if (holding.get() && membership) {
                            held.add(text);
                        } else {
                            server.send(text);
                        }
                    });
                }));
        participants.add(alice);
        alice.awaitReady();
        alice.byTestId("join-button").click();

        // Our membership has not reached the room: the call screen shows already, with our own tile.
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "joining");
        assertThat(alice.byTestId("call-panel")).isVisible();
        assertThat(alice.byTestId("lobby-panel")).isHidden();
        assertThat(tile(alice, "alice")).isVisible();
        assertThat(tile(alice, "alice").getByTestId("tile-name")).hasText("Alice (you)");
        assertThat(alice.byTestId("leave-button")).isEnabled();
        assertThat(alice.byTestId("call-status")).hasText("Joining…");
        alice.screenshot("call-joining-desktop");
        // A raised hand and a reaction name our membership event, which the room does not have yet.
        assertThat(alice.byTestId("hand-button")).isDisabled();
        assertThat(alice.byTestId("reactions-button")).isDisabled();
        assertThat(held).hasSize(1);

        holding.set(false);
        held.forEach(homeserver.get()::send);
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "in");
        assertThat(alice.byTestId("hand-button")).isEnabled();
        assertThat(alice.byTestId("reactions-button")).isEnabled();
        assertThat(alice.byTestId("lobby-panel")).isHidden();
        assertThat(alice.byTestId("call-status")).isHidden();

        // Leaving: the call screen stays, saying so, until the room has our membership's end.
        holding.set(true);
        holdingLeave.set(true);
        alice.byTestId("leave-button").click();
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "leaving");
        assertThat(alice.byTestId("call-status")).hasText("Leaving…");
        assertThat(alice.byTestId("call-panel")).isVisible();
        holding.set(false);
        held.subList(1, held.size()).forEach(homeserver.get()::send);
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "out");
        assertThat(alice.byTestId("lobby-panel")).isVisible();
        assertThat(alice.byTestId("call-status")).isHidden();
    }

    @Test
    void aFrameWorkerThatCannotLoadEndsTheJoinWithAClearError(TestInfo test) {
        String room = roomFor(test);
        Participant alice = withoutFrameWorker("alice", room);
        alice.awaitReady();
        alice.byTestId("join-button").click();

        // A mesh lobby starts the worker with the join: it fails, the join is undone, the lobby says why.
        assertThat(alice.byTestId("connection-status")).hasText(
                "End-to-end encryption could not start in this browser, so no call can be held here. Reload to try again.");
        assertThat(alice.byTestId("lobby")).hasAttribute("data-connection", "failed");
        assertThat(alice.byTestId("lobby")).hasAttribute("data-presence", "out",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(alice.byTestId("join-button")).isDisabled();
        assertThat(alice.console).anyMatch(line -> line.contains("frames: the frame worker did not start"));
    }

    @Test
    void avatarsDownloadedThroughTheHostAndInitialsForMembersWithout(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> both = aliceAndBobDecoding(room, "");
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        // The demo's members have generated avatars (mxc://conclave.local/avatar-bob), which the host
        // downloads for the widget (MSC4039); a scripted member of another client has none.
        String loaded = "image => image.tagName === 'IMG' && image.complete && image.naturalWidth > 0"
                + " && image.src.startsWith('blob:')";
        Locator bobsAvatar = alice.widget().locator("[data-testid=participant][data-user=\"@bob:conclave.local\"]"
                + " [data-testid=participant-avatar]");
        assertThat(MeshCallJourneyTest.within(15, () -> (Boolean) bobsAvatar.evaluate(loaded))).isTrue();
        // Bob's camera off: his picture on his tile at Alice's.
        bob.byTestId("camera-button").click();
        Locator tileAvatar = tile(alice, "bob").getByTestId("tile-avatar");
        assertThat(tileAvatar).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat((Boolean) tileAvatar.evaluate(loaded)).isTrue();
        alice.screenshot("avatar-camera-off-desktop");
        try (ScriptedDevice erin = new ScriptedDevice(server.port(), "@erin:conclave.local", "ERINDEVICE", room)) {
            erin.joinCall().get(10, java.util.concurrent.TimeUnit.SECONDS);
            Locator erinsAvatar = alice.widget().locator("[data-testid=participant][data-user=\"@erin:conclave.local\"]"
                    + " [data-testid=participant-avatar]");
            assertThat(erinsAvatar).hasText("E", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(tile(alice, "erin").getByTestId("tile-avatar")).isHidden();
        }
    }

    @Test
    void iconControlsHaveNamesAndTheShortcutsAreListedOnQuestionMark(TestInfo test) throws Exception {
        Participant alice = inCall("alice", roomFor(test));
        com.microsoft.playwright.FrameLocator widget = alice.widget();
        assertThat(widget.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.FrameLocator.GetByRoleOptions().setName("Mute the microphone (m)"))).isVisible();
        assertThat(alice.byTestId("mic-button")).hasAttribute("title", "Mute the microphone (m)");
        assertThat(alice.byTestId("mic-button").locator("svg")).hasCount(1);
        assertThat(alice.byTestId("leave-button")).hasAttribute("aria-label", "Leave the call");
        // The keyboard: m mutes (the button's name says what pressing it does now), ? lists the keys.
        alice.byTestId("grid").click();
        alice.page.keyboard().press("m");
        assertThat(alice.byTestId("mic-button")).hasAttribute("aria-label", "Unmute the microphone (m)");
        assertThat(alice.byTestId("mic-button")).hasAttribute("aria-pressed", "false");
        assertThat(alice.byTestId("help-overlay")).isHidden();
        alice.page.keyboard().press("?");
        assertThat(alice.byTestId("help-overlay")).isVisible();
        assertThat(alice.byTestId("help-overlay")).hasAttribute("role", "dialog");
        assertThat(alice.byTestId("help-keys")).containsText("Mute or unmute the microphone");
        assertThat(alice.byTestId("help-keys")).containsText("Hold to talk while muted");
        assertThat(alice.byTestId("help-close")).isFocused();
        alice.page.keyboard().press("Escape");
        assertThat(alice.byTestId("help-overlay")).isHidden();
        alice.byTestId("help-button").click();
        assertThat(alice.byTestId("help-overlay")).isVisible();
        alice.byTestId("help-close").click();
        assertThat(alice.byTestId("help-overlay")).isHidden();
    }

    @Test
    void everyRemoteTileSaysHowWellItsMediaArrives(TestInfo test) throws Exception {
        String room = roomFor(test);
        List<Participant> both = aliceAndBobDecoding(room, "");
        // Loopback loses nothing: good, from the packets and loss since the last statistics.
        assertThat(tile(both.get(0), "bob").getByTestId("tile-quality")).hasAttribute("data-quality", "good",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        assertThat(tile(both.get(0), "bob").getByTestId("tile-quality")).hasAttribute("aria-label", "Connection good");
        assertThat(tile(both.get(0), "alice").getByTestId("tile-quality")).hasAttribute("data-quality", "self");
        assertThat(tile(both.get(1), "alice").getByTestId("tile-quality")).hasAttribute("data-quality", "good",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
    }
}
