package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.tile;
import static org.conclave.e2e.MeshCallJourneyTest.within;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Layouts: the grid and the spotlight (one tile large, the rest in a strip), a pinned tile, a
 * screen share promoted to the large tile, and a grid in pages of which only the page shown counts
 * as on screen (what an SFU forwards video for).
 */
class LayoutJourneyTest extends JourneyBase {
    private static final LocatorAssertions.HasAttributeOptions LONG = new LocatorAssertions.HasAttributeOptions().setTimeout(20_000);

    @Test
    void theSpotlightShowsOneLargeAndAPinnedTileStaysLarge(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        everyoneDecodesEveryone(List.of(alice, bob, carol));
        Locator grid = alice.byTestId("grid");
        assertThat(grid).hasAttribute("data-layout", "grid");
        assertThat(alice.byTestId("layout-button")).hasAttribute("aria-label", "Show the speaker large");
        alice.byTestId("layout-button").click();
        assertThat(grid).hasAttribute("data-layout", "spotlight");
        assertThat(alice.byTestId("layout-button")).hasAttribute("aria-label", "Show everyone in a grid");
        Locator large = alice.widget().locator("[data-testid=tile][data-large=true]");
        assertThat(large).hasCount(1);
        assertThat(large).hasAttribute("data-self", "false");

        // Pin Carol: her tile is the large one, the others in the strip, all still on screen.
        Locator pin = tile(alice, "carol").getByTestId("tile-pin");
        assertThat(pin).hasAttribute("aria-label", "Pin Carol large");
        pin.click();
        assertThat(tile(alice, "carol")).hasAttribute("data-large", "true");
        assertThat(pin).hasAttribute("aria-pressed", "true");
        assertThat(pin).hasAttribute("aria-label", "Unpin Carol");
        double largeWidth = tile(alice, "carol").boundingBox().width;
        double stripWidth = tile(alice, "bob").boundingBox().width;
        assertThat(largeWidth).isGreaterThan(stripWidth * 2);
        assertThat(tile(alice, "bob")).isVisible();
        int before = MeshCallJourneyTest.attr(alice, "carol", "data-frames-decoded");
        assertThat(within(15, () -> MeshCallJourneyTest.attr(alice, "carol", "data-frames-decoded") > before + 10)).isTrue();
        alice.screenshot("spotlight-desktop");

        // Back to the grid: nobody large, the pin released.
        alice.byTestId("layout-button").click();
        assertThat(grid).hasAttribute("data-layout", "grid");
        assertThat(large).hasCount(0);
        assertThat(pin).hasAttribute("aria-pressed", "false");
        alice.screenshot("grid-desktop");
    }

    @Test
    void aScreenShareTakesTheLargeTileAndGivesItBack(TestInfo test) throws Exception {
        List<Participant> both = aliceAndBobDecoding(roomFor(test), "");
        Participant alice = both.get(0);
        Participant bob = both.get(1);
        bob.byTestId("screen-button").click();
        Locator share = alice.widget().locator("[data-testid=tile][data-screenshare=true]");
        assertThat(share).hasAttribute("data-large", "true", LONG);
        assertThat(alice.byTestId("grid")).hasAttribute("data-layout", "spotlight");
        // Bob's own screen does not take his screen.
        assertThat(bob.byTestId("grid")).hasAttribute("data-layout", "grid");
        bob.byTestId("screen-button").click();
        assertThat(share).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
        assertThat(alice.byTestId("grid")).hasAttribute("data-layout", "grid");
    }

    @Test
    void aCrowdIsPagedAndOnlyThePageShownIsOnScreen(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = inCall("alice", room);
        List<ScriptedDevice> crowd = new ArrayList<>();
        try {
            for (int i = 1; i <= 10; i++) {
                ScriptedDevice d = new ScriptedDevice(server.port(), "@guest" + i + ":conclave.local", "GUEST" + i, room);
                crowd.add(d);
                d.joinCall().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            Locator grid = alice.byTestId("grid");
            assertThat(grid).hasAttribute("data-count", "11", LONG);
            assertThat(grid).hasAttribute("data-pages", "2");
            assertThat(alice.byTestId("pager")).isVisible();
            assertThat(alice.byTestId("page-label")).hasText("Page 1 of 2");
            assertThat(alice.byTestId("page-previous")).isDisabled();
            Locator shownTiles = alice.widget().locator("[data-testid=tile]:not([hidden])");
            assertThat(shownTiles).hasCount(9);
            // On screen (what an SFU would forward): others on this page only, those scrolled into view.
            assertThat(within(10, () -> {
                int shown = Integer.parseInt(grid.getAttribute("data-shown"));
                return shown >= 3 && shown <= 8;
            })).as("on screen: %s", grid.getAttribute("data-shown")).isTrue();
            alice.byTestId("page-next").click();
            assertThat(alice.byTestId("page-label")).hasText("Page 2 of 2");
            assertThat(shownTiles).hasCount(2);
            assertThat(within(10, () -> Integer.parseInt(grid.getAttribute("data-shown")) == 2))
                    .as("on screen: %s", grid.getAttribute("data-shown")).isTrue();
            assertThat(alice.byTestId("page-next")).isDisabled();
            // The keyboard reaches the pager.
            alice.byTestId("page-previous").focus();
            alice.page.keyboard().press("Enter");
            assertThat(alice.byTestId("page-label")).hasText("Page 1 of 2");
            alice.screenshot("grid-pages-desktop");
        } finally {
            for (ScriptedDevice d : crowd) {
                d.close();
            }
        }
    }
}
