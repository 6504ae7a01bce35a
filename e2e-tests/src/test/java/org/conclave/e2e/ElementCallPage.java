package org.conclave.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;

/**
 * Element Call's view of a call, read from its own page (the Element Call widget in a host page):
 * its tiles by display name, what their video elements show, and the receive statistics of its
 * LiveKit connections. Nothing here is inferred from Conclave's side.
 */
final class ElementCallPage {
    final Participant participant;

    ElementCallPage(Participant participant) {
        this.participant = participant;
    }

    /**
     * Sets up {@code context} for Element Call before its page opens: the demo homeserver's name
     * (conclave.local, which Element Call asks for its client discovery) resolves to the demo
     * server, as DNS would send it to a real deployment; and Element Call's frame keeps its
     * RTCPeerConnections in a list, so that the journey can read their statistics as
     * chrome://webrtc-internals would.
     */
    static void prepare(BrowserContext context, String hostOrigin, String elementCallOrigin) {
        context.route("https://conclave.local/**", route -> route.fulfill(new Route.FulfillOptions().setResponse(
                route.fetch(new Route.FetchOptions().setUrl(route.request().url().replace("https://conclave.local", hostOrigin))))));
        keepConnections(context, elementCallOrigin);
    }

    /**
     * Makes the frames of {@code origin} in {@code context} keep their RTCPeerConnections in
     * {@code window.journeyConnections}, so that a journey can read their statistics as
     * chrome://webrtc-internals would (the page's own code is unchanged).
     */
    static void keepConnections(BrowserContext context, String origin) {
        context.addInitScript("if (location.origin === " + json(origin) + ") {"
                + " const Native = RTCPeerConnection; const connections = [];"
                + " const Kept = function(config) { const pc = new Native(config); connections.push(pc); return pc; };"
                + " Kept.prototype = Native.prototype; Object.setPrototypeOf(Kept, Native);"
                + " window.RTCPeerConnection = Kept; window.journeyConnections = connections; }");
    }

    private static String json(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presses Element Call's lobby button and waits until its in-call controls show. */
    void joinFromLobby() {
        Locator join = participant.widget().locator("[data-testid=lobby_joinCall]");
        join.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        join.click();
        participant.widget().locator("[data-testid=incall_leave]").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
    }

    /** Element Call's tile of the person it names {@code displayName}. */
    Locator tile(String displayName) {
        return participant.widget().locator("[data-testid=videoTile]").filter(new Locator.FilterOptions()
                .setHas(participant.widget().locator("[data-testid=name_tag]", new com.microsoft.playwright.FrameLocator
                        .LocatorOptions().setHasText(displayName))));
    }

    /** Frames {@code displayName}'s video element has shown (0 without a video element). */
    int framesShown(String displayName) {
        Object n = tile(displayName).evaluate("tile => { const v = tile.querySelector('video');"
                + " return v ? v.getVideoPlaybackQuality().totalVideoFrames : 0; }");
        return ((Number) n).intValue();
    }

    /** The standard deviation of the pixels of {@code displayName}'s video (a uniform picture is near 0). */
    double pictureDeviation(String displayName) {
        Object value = tile(displayName).locator("video").evaluate(MeshCallJourneyTest.PICTURE_DEVIATION);
        return ((Number) value).doubleValue();
    }

    /** Whether Element Call marks {@code displayName}'s tile "Not encrypted". */
    boolean saysNotEncrypted(String displayName) {
        return tile(displayName).locator("[aria-label='Not encrypted']").count() > 0;
    }

    /** The display names on Element Call's tiles. */
    java.util.List<String> names() {
        return participant.widget().locator("[data-testid=name_tag]").allInnerTexts();
    }

    /**
     * Element Call's receive statistics summed per kind over its LiveKit connections:
     * {@code {video: {packets, decoded}, audio: {packets, energy}}}.
     */
    JsonNode received() {
        Object json = participant.widget().locator("html").evaluate("async () => {"
                + " const out = {video: {packets: 0, decoded: 0}, audio: {packets: 0, energy: 0}};"
                + " for (const pc of window.journeyConnections || []) {"
                + "   if (pc.connectionState === 'closed') continue;"
                + "   (await pc.getStats()).forEach(s => {"
                + "     if (s.type !== 'inbound-rtp') return;"
                + "     const k = out[s.kind]; if (!k) return;"
                + "     k.packets += s.packetsReceived || 0;"
                + "     if (s.kind === 'video') k.decoded += s.framesDecoded || 0; else k.energy += s.totalAudioEnergy || 0; }); }"
                + " return JSON.stringify(out); }");
        try {
            return new ObjectMapper().readTree((String) json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
