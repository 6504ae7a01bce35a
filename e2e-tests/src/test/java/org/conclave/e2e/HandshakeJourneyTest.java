package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.TestInfo;

/**
 * Two participants load the widget in the real matrix-widget-api host, in both host modes; each
 * completes the handshake, asks only for capabilities Element Web grants its call widget, shows
 * the room name pushed by update_state, and follows the host's theme.
 */
class HandshakeJourneyTest extends JourneyBase {

    /**
     * In both host modes, with the standalone widget (its own origin) and with the embedded
     * distribution (the host page's origin, under /widgets/element-call/, as Element Web serves
     * its call widget).
     */
    @ParameterizedTest(name = "{0}, waitForIframeLoad={1}")
    @CsvSource({"standalone,false", "standalone,true", "embedded,false", "embedded,true"})
    void twoParticipantsCompleteTheHandshake(String widget, boolean waitForIframeLoad, TestInfo test) {
        String room = roomFor(test);
        String query = "widget=" + widget + "&roomName=Design%20review" + (waitForIframeLoad ? "&mode=load" : "");
        Participant alice = join("alice", room, query);
        Participant bob = join("bob", room, query);

        for (Participant p : List.of(alice, bob)) {
            assertThat(p.byTestId("lobby")).hasAttribute("data-connection", "ready");
            assertThat(p.byTestId("room-name")).hasText("Design review");
            assertThat(p.byTestId("user-id")).containsText("@" + p.user + ":conclave.local");
            assertThat((Boolean) p.host("window.harness.ready")).isTrue();
            assertThat((List<?>) p.host("window.harness.capabilityViolations")).isEmpty();
            assertThat((List<?>) p.host("window.harness.requestedCapabilities")).isNotEmpty();
            String frame = (String) p.host("document.querySelector('[data-testid=widget-frame]').src");
            if (widget.equals("embedded")) {
                assertThat((String) p.host("window.harness.widgetOrigin")).isEqualTo(hostOrigin());
                assertThat(frame).startsWith(hostOrigin() + "/widgets/element-call/index.html?");
            } else {
                assertThat(frame).startsWith("http://127.0.0.1:" + server.port() + "/?");
            }
        }
    }

    @Test
    void followsTheHostTheme(TestInfo test) {
        Participant alice = join("alice", roomFor(test), "theme=light");
        alice.awaitReady();
        assertThat(alice.widget().locator("html")).hasAttribute("data-theme", "light");

        alice.hostSetsTheme("dark", "dark");
        alice.hostSetsTheme("light-high-contrast", "light-hc");
    }
}
