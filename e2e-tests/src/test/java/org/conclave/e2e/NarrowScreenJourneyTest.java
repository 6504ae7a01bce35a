package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.conclave.e2e.MeshCallJourneyTest.tile;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A portrait phone, 390 × 780 (Element X's webview): in the lobby and in a call of three every
 * tile and every control is on screen, uncovered, large enough to tap, and works; screenshots of
 * each state are kept.
 */
class NarrowScreenJourneyTest extends JourneyBase {
    static final int WIDTH = 390;
    static final int HEIGHT = 780;

    /** Whether the element's centre, in the widget, is the element (or inside it): nothing covers it. */
    private static final String UNCOVERED = "element => { const r = element.getBoundingClientRect();"
            + " const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
            + " return element === hit || element.contains(hit); }";

    static void onScreenAndUncovered(Locator element, String what, double minSize) {
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(element).isVisible();
        BoundingBox box = element.boundingBox();
        assertThat(box.x).as(what + " left edge").isGreaterThanOrEqualTo(0);
        assertThat(box.y).as(what + " top edge").isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as(what + " right edge").isLessThanOrEqualTo(WIDTH);
        assertThat(box.y + box.height).as(what + " bottom edge").isLessThanOrEqualTo(HEIGHT);
        assertThat(Math.min(box.width, box.height)).as(what + " size").isGreaterThanOrEqualTo(minSize);
        assertThat((Boolean) element.evaluate(UNCOVERED)).as(what + " uncovered").isTrue();
    }

    @Test
    void onAPhoneEveryTileAndControlIsOnScreenAndWorks(TestInfo test) throws Exception {
        String room = roomFor(test);
        Participant alice = join("alice", room, "roomName=Mesh");
        alice.page.setViewportSize(WIDTH, HEIGHT);
        alice.awaitReady();
        for (String id : List.of("join-button", "lobby-mic", "lobby-camera", "camera-select", "microphone-select")) {
            onScreenAndUncovered(alice.byTestId(id), id, 30);
        }
        alice.screenshot("lobby-phone");
        alice.byTestId("join-button").click();
        Participant bob = inCall("bob", room);
        Participant carol = inCall("carol", room);
        everyoneDecodesEveryone(List.of(alice, bob, carol));

        for (String user : List.of("alice", "bob", "carol")) {
            onScreenAndUncovered(tile(alice, user), user + "'s tile", 100);
        }
        for (String id : List.of("mic-button", "camera-button", "screen-button", "hand-button", "reactions-button",
                "layout-button", "leave-button", "help-button")) {
            onScreenAndUncovered(alice.byTestId(id), id, 40);
        }
        alice.screenshot("call-phone");
        alice.byTestId("mic-button").click();
        assertThat(alice.byTestId("mic-button")).hasAttribute("aria-pressed", "false");
        alice.byTestId("mic-button").click();
        assertThat(alice.byTestId("mic-button")).hasAttribute("aria-pressed", "true");

        // The spotlight on a phone: the large tile and the strip, still all on screen.
        alice.byTestId("layout-button").click();
        assertThat(alice.byTestId("grid")).hasAttribute("data-layout", "spotlight");
        for (String user : List.of("alice", "bob", "carol")) {
            onScreenAndUncovered(tile(alice, user), user + "'s tile in the spotlight", 60);
        }
        onScreenAndUncovered(alice.byTestId("leave-button"), "leave-button in the spotlight", 40);
        alice.screenshot("spotlight-phone");
        alice.byTestId("reactions-button").click();
        for (Locator choice : alice.widget().locator("[data-testid=reaction-choice]").all()) {
            onScreenAndUncovered(choice, "reaction " + choice.getAttribute("data-emoji"), 36);
        }
        alice.screenshot("reactions-phone");
        alice.page.keyboard().press("Escape");
        alice.byTestId("help-button").click();
        onScreenAndUncovered(alice.byTestId("help-close"), "the shortcuts' close button", 30);
        alice.screenshot("shortcuts-phone");
    }
}
