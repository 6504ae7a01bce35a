package org.conclave.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Journeys through a real LiveKit SFU: one LiveKit server per class (free loopback ports, its
 * own key pair, ICE on 127.0.0.1 only) and a Conclave server whose token service and demo
 * homeserver point at it; the demo homeserver advertises the SFU as its RTC transport, so every
 * call in these journeys goes through LiveKit.
 */
abstract class SfuJourneyBase extends JourneyBase {
    static LiveKitServer livekit;

    @BeforeAll
    static void startLiveKit() throws Exception {
        livekit = LiveKitServer.start();
        restartServerWithSfu(livekit.url(), livekit.apiKey, livekit.apiSecret, "conclave.local", Map.of(), c -> c);
    }

    @AfterAll
    static void stopLiveKit() {
        if (livekit != null) {
            livekit.close();
        }
    }

    /** The console lines of a journey that takes LiveKit (or the network) away for a while. */
    static void expectSfuGoingAway(PageWatch watch) {
        String why = "livekit-client logs its lost signalling connection and its failed attempts to reconnect as"
                + " errors while the journey keeps LiveKit or the network away";
        watch.expect("^console error: error reading from signal stream", why)
                .expect("^console error: Received leave request while trying to \\(re\\)connect", why)
                .expect("^console error: room connection has timed out \\(signal\\)", why
                        + " (an attempt a stuck server does not answer is given up on: LiveKit.RECONNECT_FAST_FOR_MS)")
                .expect("^console error: cannot send signal request before connected, type: leave", why)
                .expect("^console error: Encountered websocket error during connection establishment", why)
                .expect("^console error: Failed to load resource: net::ERR_CONNECTION_REFUSED", why)
                .expect("^console error: WebSocket connection to 'ws://127\\.0\\.0\\.1:\\d+/rtc", why)
                .expect("^request failed: GET http://127\\.0\\.0\\.1:\\d+/rtc/v1/validate", why)
                .expect("net::ERR_INTERNET_DISCONNECTED", "the journey takes the network away")
                .expect("^console error: Failed to fetch \\{room: ", why);
    }

    /** Starts recording every text {@code p}'s call-problem line shows, however briefly. */
    static void recordProblems(Participant p) {
        p.byTestId("call-problem").evaluate("el => { window.problemsSeen = [];"
                + " new MutationObserver(() => { if (el.textContent) window.problemsSeen.push(el.textContent); })"
                + "   .observe(el, {childList: true, characterData: true, subtree: true}); }");
    }

    /** What {@code p}'s call-problem line showed since {@link #recordProblems}, joined by {@code " | "}. */
    static String problemsSeen(Participant p) {
        return p.byTestId("call-problem").evaluate("() => window.problemsSeen.join(' | ')").toString();
    }

    /** The widget's diagnostics ({@code window.conclaveDiagnostics}) as JSON. */
    static JsonNode diagnostics(Participant p) throws Exception {
        Object json = p.widget().locator("html").evaluate("() => JSON.stringify(window.conclaveDiagnostics || {})");
        return JSON.readTree((String) json);
    }

    /** The SFU connection's state as the widget reports it. */
    static String sfuState(Participant p) {
        try {
            return diagnostics(p).path("sfu").path("state").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * JavaScript that defines {@code hookReceivers(worker)}: every {@code RTCPeerConnection} made
     * afterwards (by a stock livekit-client) gives each receiver an {@code RTCRtpScriptTransform}
     * on {@code worker} with options {@code {kind}} before its first frame, as the widget does: on
     * each transceiver the SDK adds (one connection for both ways) and in {@code track}. A hooked
     * receiver is marked {@code hooked}.
     */
    static final String HOOK_RECEIVERS = """
            const hookReceivers = (worker) => {
              const Native = RTCPeerConnection;
              const hook = (receiver, kind) => {
                if (receiver.hooked) return;
                receiver.hooked = true;
                receiver.transform = new RTCRtpScriptTransform(worker, {kind});
              };
              const Hooked = function(config) {
                const pc = new Native(config);
                pc.addEventListener('track', (event) => hook(event.receiver, event.track.kind));
                const add = pc.addTransceiver.bind(pc);
                pc.addTransceiver = (trackOrKind, init) => {
                  const trx = add(trackOrKind, init);
                  hook(trx.receiver, typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind);
                  return trx;
                };
                return pc;
              };
              Hooked.prototype = Native.prototype;
              Object.setPrototypeOf(Hooked, Native);
              window.RTCPeerConnection = Hooked;
            };
            """;
}
