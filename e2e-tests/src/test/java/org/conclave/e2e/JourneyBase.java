package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * One browser journey: a Conclave server with the demo harness on port 0 and one Chromium per
 * class; each test opens fresh participants (browser contexts) in a room of its own.
 */
abstract class JourneyBase {
    static Playwright playwright;
    static Browser browser;
    static Javalin server;
    final List<Participant> participants = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() {
        server = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true)).start();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /**
     * Fails the journey on console errors, uncaught exceptions, failed requests and HTTP errors in
     * any participant's host page or widget, other than those {@link #expectedProblems} names.
     */
    @AfterEach
    void checkAndCloseParticipants() {
        List<String> unexpected = new ArrayList<>();
        for (Participant p : participants) {
            expectedProblems(p.watch);
            p.watch.unexpected().forEach(problem -> unexpected.add(p.user + ": " + problem));
        }
        participants.forEach(Participant::close);
        participants.clear();
        org.assertj.core.api.Assertions.assertThat(unexpected).as("console errors and failed requests").isEmpty();
    }

    /** Adds the problems this journey's pages are expected to show, each with its reason. */
    void expectedProblems(PageWatch watch) {
        watch.expect("^console error: error updating delayed event: +Error: M_NOT_FOUND: no delayed event",
                "a member whose delayed leave fired while it was offline (or starved on two busy cores) restarts it:"
                        + " the homeserver answers M_NOT_FOUND, matrix-widget-api logs it, the widget schedules a new one");
    }

    /**
     * Restarts the class's Conclave server (demo on) with {@code config}'s token service in front of
     * a LiveKit at {@code url} with {@code apiKey} and {@code apiSecret}, for {@code fullAccess}
     * homeservers, and {@code homeserverUrls} where OpenID tokens are checked; {@code more} adds settings.
     */
    static void restartServerWithSfu(String url, String apiKey, String apiSecret, String fullAccess,
            Map<String, URI> homeserverUrls, java.util.function.UnaryOperator<ServerConfig> more) {
        server.stop();
        LiveKitConfig config = new LiveKitConfig(URI.create(url), apiKey, new Secret(apiSecret), List.of(fullAccess),
                "/livekit/jwt", homeserverUrls);
        server = WidgetServer.create(more.apply(ServerConfig.defaults().withPort(0).withDemo(true).withLiveKit(config))).start();
    }

    /** The demo host origin (localhost), a different origin from the widget's (127.0.0.1). */
    static String hostOrigin() {
        return "http://localhost:" + server.port();
    }

    /** A room id unique to the running test. */
    static String roomFor(TestInfo test) {
        String name = test.getTestMethod().map(m -> m.getName()).orElse("room");
        String clean = name.replaceAll("[^A-Za-z0-9]", "");
        clean = clean.substring(0, Math.min(clean.length(), 32));
        return "!" + clean + Long.toHexString(System.nanoTime()) + ":conclave.local";
    }

    /** Opens {@code user} in the room's call (mesh demo room), joined. */
    Participant inCall(String user, String room) {
        return inCall(user, room, "");
    }

    /** As {@link #inCall(String, String)}; {@code query} (starting with {@code &}) adds host parameters. */
    Participant inCall(String user, String room, String query) {
        Participant p = join(user, room, "roomName=Mesh" + query);
        p.awaitReady();
        p.byTestId("join-button").click();
        // Joining takes two host round trips; with four browsers on two cores that can pass 5 s.
        assertThat(p.byTestId("lobby")).hasAttribute("data-presence", "in",
                new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
        return p;
    }

    /** Alice and Bob in the room's call, each decoding the other's video and audio. */
    List<Participant> aliceAndBobDecoding(String room, String query) throws InterruptedException {
        Participant alice = inCall("alice", room, query);
        Participant bob = inCall("bob", room, query);
        MeshCallJourneyTest.decodes(alice, "bob");
        MeshCallJourneyTest.decodes(bob, "alice");
        return List.of(alice, bob);
    }

    /** Each of {@code people} decodes every other one's video and audio. */
    static void everyoneDecodesEveryone(List<Participant> people) throws InterruptedException {
        for (Participant viewer : people) {
            for (Participant other : people) {
                if (viewer != other) {
                    MeshCallJourneyTest.decodes(viewer, other.user);
                }
            }
        }
    }

    /**
     * Opens {@code user} in the room's lobby (mesh demo room) with a browser that cannot load the
     * frame worker: its script answers 404, which the page watch allows.
     */
    Participant withoutFrameWorker(String user, String room) {
        Participant p = new Participant(browser, hostOrigin(), user, room, "roomName=Mesh",
                context -> context.route("**/js/frame-worker-boot.js", route -> route.fulfill(
                        new com.microsoft.playwright.Route.FulfillOptions().setStatus(404).setBody("not here"))));
        participants.add(p);
        p.watch.expect("^HTTP 404: GET .*/js/frame-worker-boot\\.js$", "this journey's browser gets no frame worker")
                .expect("^request failed: GET .*/js/frame-worker-boot\\.js: ", "the same, as the worker's load fails")
                .expect("^console error: Failed to load resource: .*404", "the same, as Chromium reports it");
        return p;
    }

    /** Opens {@code user} in the harness; {@code query} adds host parameters (e.g. mode=load). */
    Participant join(String user, String roomId, String query) {
        Participant p = new Participant(browser, hostOrigin(), user, roomId, query);
        participants.add(p);
        return p;
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** {@code @user:conclave.local}; a full user id stays as it is. */
    static String userId(String user) {
        return user.startsWith("@") ? user : "@" + user + ":conclave.local";
    }

    /** The demo relay's to-device log of {@code room}: who sent what type to whom, key indexes, never contents. */
    static List<JsonNode> toDeviceLog(String room) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/demo/api/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8)
                        + "/to-device")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> log = new ArrayList<>();
        JSON.readTree(response.body()).forEach(log::add);
        return log;
    }
}
