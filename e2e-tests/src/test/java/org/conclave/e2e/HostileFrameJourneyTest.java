package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Frame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames that are not the widget's host post look-alike Widget API messages (right widget id,
 * real actions, as objects and as JSON strings). The widget must neither act on them nor answer;
 * nor may it act on the real host's messages for another widget id. Unknown actions from the real
 * host get an error reply.
 */
class HostileFrameJourneyTest extends JourneyBase {

    /** Standalone (widget on its own origin) and embedded (the host page's origin, like Element Web's). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"standalone", "embedded"})
    void framesOtherThanTheHostGetNoEffectAndNoReply(String widget, TestInfo test) {
        String room = roomFor(test);
        Participant alice = join("alice", room, "roomName=Design%20review&theme=dark&widget=" + widget);
        alice.awaitReady();
        assertThat(alice.byTestId("room-name")).hasText("Design review");
        String widgetId = (String) alice.host("window.harness.widgetId");

        // One hostile frame on the host's own origin (only the source check stops it), one on
        // another origin (127.0.0.1): both find the widget through window.parent.frames[0].
        String query = "/demo/hostile.html?widgetId=" + widgetId + "&roomId=" + room.replace("!", "%21");
        for (String origin : List.of(hostOrigin(), "http://127.0.0.1:" + server.port())) {
            alice.page.evaluate("url => new Promise(loaded => { const f = document.createElement('iframe');"
                    + " f.onload = () => loaded(); f.src = url; document.body.appendChild(f); })", origin + query);
        }
        List<Frame> hostileFrames = alice.page.frames().stream().filter(f -> f.url().contains("hostile.html")).toList();
        assertThat(hostileFrames).hasSize(2);
        for (Frame f : hostileFrames) {
            f.waitForFunction("() => window.hostile && window.hostile.done");
        }

        // A real host message after the hostile ones: once it has taken effect, the earlier
        // hostile ones have been processed (or dropped) too.
        alice.hostSetsTheme("light-high-contrast", "light-hc");

        assertThat(alice.byTestId("room-name")).hasText("Design review");
        alice.awaitReady();
        for (Frame f : hostileFrames) {
            assertThat((List<?>) f.evaluate("window.hostile.replies")).isEmpty();
        }
        assertThat(requestIdsFromWidget(alice)).noneMatch(id -> id != null && id.startsWith("evil"));
    }

    @Test
    void hostMessagesForAnotherWidgetIdAreIgnored(TestInfo test) {
        Participant alice = join("alice", roomFor(test), "theme=dark");
        alice.awaitReady();

        alice.postToWidget("{api: 'toWidget', widgetId: 'someone-else', requestId: 'wrong-id-1',"
                + " action: 'theme_change', data: {name: 'light'}}");
        alice.postToWidget("JSON.stringify({api: 'toWidget', widgetId: window.harness.widgetId,"
                + " requestId: 'as-string-1', action: 'theme_change', data: {name: 'light'}})");
        alice.hostSetsTheme("dark-high-contrast", "dark-hc");

        assertThat(requestIdsFromWidget(alice)).doesNotContain("wrong-id-1", "as-string-1");
    }

    @Test
    void unknownHostActionsGetAnErrorReply(TestInfo test) {
        Participant alice = join("alice", roomFor(test), "");
        alice.awaitReady();

        alice.postToWidget("{api: 'toWidget', widgetId: window.harness.widgetId,"
                + " requestId: 'unknown-1', action: 'org.example.no_such_action', data: {}}");
        alice.page.waitForFunction("() => window.harness.messagesFromWidget.some(m => m.requestId === 'unknown-1')");
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = (Map<String, Object>) alice.host(
                "window.harness.messagesFromWidget.find(m => m.requestId === 'unknown-1')");
        assertThat(reply.get("hasResponse")).isEqualTo(true);
        assertThat((String) reply.get("error")).contains("org.example.no_such_action");
        assertThat(reply.get("api")).isEqualTo("toWidget");
    }

    @SuppressWarnings("unchecked")
    private static List<String> requestIdsFromWidget(Participant p) {
        return ((List<Map<String, Object>>) p.host("window.harness.messagesFromWidget"))
                .stream().map(m -> (String) m.get("requestId")).toList();
    }
}
