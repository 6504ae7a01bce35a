package org.conclave.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay over its real WebSocket: routing, delayed events, and refusal of bad requests. */
class DemoRelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "!relay:conclave.local";
    private Javalin app;

    @BeforeEach
    void start() {
        app = WidgetServer.create(ServerConfig.defaults().withPort(0)).start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    /** A host page's relay connection. */
    private final class Host implements WebSocket.Listener {
        final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        final java.util.List<JsonNode> unread = new java.util.ArrayList<>();
        final WebSocket ws;
        private final StringBuilder partial = new StringBuilder();

        Host(String user, String device) throws Exception {
            String q = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&device=" + device + "&room="
                    + URLEncoder.encode(ROOM, StandardCharsets.UTF_8);
            ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/demo/relay?" + q), this).get(5, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        /** The oldest unread message with {@code op} (others stay unread); fails after 5 s. */
        JsonNode next(String op) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                for (JsonNode m : unread) {
                    if (op.equals(m.path("op").asText())) {
                        unread.remove(m);
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                JsonNode m = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (m == null) {
                    throw new AssertionError("no " + op + " message");
                }
                unread.add(m);
            }
        }
    }

    @Test
    void fansEventsOutAndRoutesToDeviceByDevice() throws Exception {
        Host alice = new Host("@alice:conclave.local", "A1");
        assertThat(alice.next("init").path("state").size()).isGreaterThanOrEqualTo(3);
        Host bob = new Host("@bob:conclave.local", "B1");
        bob.next("init");
        alice.send("{\"op\":\"send_event\",\"rid\":\"1\",\"type\":\"m.room.message\",\"content\":{\"body\":\"hi\"}}");
        JsonNode result = alice.next("result");
        assertThat(result.path("rid").asText()).isEqualTo("1");
        String eventId = result.path("result").path("event_id").asText();
        assertThat(eventId).startsWith("$");
        // every host sees it, the sender included
        assertThat(nextEvent(bob, "m.room.message").path("event_id").asText()).isEqualTo(eventId);
        assertThat(nextEvent(alice, "m.room.message").path("sender").asText()).isEqualTo("@alice:conclave.local");

        alice.send("{\"op\":\"send_to_device\",\"rid\":\"2\",\"type\":\"io.element.call.encryption_keys\",\"encrypted\":true,"
                + "\"messages\":{\"@bob:conclave.local\":{\"B1\":{\"secret\":\"s\"}}}}");
        JsonNode td = bob.next("to_device");
        assertThat(td.path("message").path("sender").asText()).isEqualTo("@alice:conclave.local");
        assertThat(td.path("encrypted").asBoolean()).isTrue();
        JsonNode log = JSON.readTree(DemoRelayTest.get(app, "/demo/api/rooms/" + ROOM.replace("!", "%21") + "/to-device"));
        assertThat(log.get(0).path("device_id").asText()).isEqualTo("B1");
        assertThat(log.toString()).doesNotContain("secret"); // metadata only
    }

    @Test
    void withheldKeysAreLoggedButNeverDelivered() throws Exception {
        Host alice = new Host("@alice:conclave.local", "A1");
        alice.next("init");
        Host bob = new Host("@bob:conclave.local", "B1");
        bob.next("init");
        java.net.http.HttpResponse<String> withheld = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/demo/api/rooms/" + ROOM.replace("!", "%21")
                        + "/withhold-keys?user=%40bob%3Aconclave.local&device=B1"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(withheld.statusCode()).isEqualTo(204);

        alice.send("{\"op\":\"send_to_device\",\"rid\":\"1\",\"type\":\"io.element.call.encryption_keys\",\"encrypted\":true,"
                + "\"messages\":{\"@bob:conclave.local\":{\"B1\":{\"keys\":{\"index\":3,\"key\":\"k\"}}}}}");
        alice.next("result");
        alice.send("{\"op\":\"send_to_device\",\"rid\":\"2\",\"type\":\"m.call.invite\",\"encrypted\":true,"
                + "\"messages\":{\"@bob:conclave.local\":{\"B1\":{\"call_id\":\"c\"}}}}");
        alice.next("result");
        JsonNode td = bob.next("to_device");
        assertThat(td.path("message").path("type").asText()).as("only the call signal arrives").isEqualTo("m.call.invite");
        JsonNode log = JSON.readTree(DemoRelayTest.get(app, "/demo/api/rooms/" + ROOM.replace("!", "%21") + "/to-device"));
        assertThat(log.get(0).path("withheld").asBoolean()).isTrue();
        assertThat(log.get(0).path("key_index").asInt()).isEqualTo(3);
        assertThat(log.get(1).has("withheld")).isFalse();
    }

    @Test
    void delayedEventsFireUnlessCancelledAndSurviveDisconnect() throws Exception {
        Host alice = new Host("@alice:conclave.local", "A1");
        alice.next("init");
        alice.send("{\"op\":\"send_delayed\",\"rid\":\"1\",\"delay\":200,\"type\":\"org.matrix.msc3401.call.member\","
                + "\"state_key\":\"_@alice:conclave.local_A1_m.call\",\"content\":{}}");
        String delayId = alice.next("result").path("result").path("delay_id").asText();
        alice.send("{\"op\":\"update_delayed\",\"rid\":\"2\",\"delay_id\":\"" + delayId + "\",\"action\":\"restart\"}");
        assertThat(alice.next("result").has("error")).isFalse();
        alice.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        Host bob = new Host("@bob:conclave.local", "B1");
        JsonNode fired = nextEvent(bob, "org.matrix.msc3401.call.member");
        assertThat(fired.path("sender").asText()).isEqualTo("@alice:conclave.local");
        bob.send("{\"op\":\"update_delayed\",\"rid\":\"3\",\"delay_id\":\"" + delayId + "\",\"action\":\"send\"}");
        assertThat(bob.next("result").path("error").asText()).startsWith("M_NOT_FOUND");
    }

    @Test
    void stateFromAnotherUserCancelsDelayedStateOverIt() throws Exception {
        // As Synapse: Bob writing the state Alice's delayed event targets cancels it; Alice writing
        // it herself does not.
        Host alice = new Host("@alice:conclave.local", "A1");
        alice.next("init");
        alice.send("{\"op\":\"send_delayed\",\"rid\":\"1\",\"delay\":60000,\"type\":\"m.x\",\"state_key\":\"k\",\"content\":{}}");
        String mine = alice.next("result").path("result").path("delay_id").asText();
        alice.send("{\"op\":\"send_delayed\",\"rid\":\"2\",\"delay\":60000,\"type\":\"m.x\",\"state_key\":\"j\",\"content\":{}}");
        String other = alice.next("result").path("result").path("delay_id").asText();
        alice.send("{\"op\":\"send_event\",\"rid\":\"3\",\"type\":\"m.x\",\"state_key\":\"j\",\"content\":{\"v\":1}}");
        alice.next("result");
        Host bob = new Host("@bob:conclave.local", "B1");
        bob.next("init");
        bob.send("{\"op\":\"send_event\",\"rid\":\"1\",\"type\":\"m.x\",\"state_key\":\"k\",\"content\":{\"v\":2}}");
        bob.next("result");
        alice.send("{\"op\":\"update_delayed\",\"rid\":\"4\",\"delay_id\":\"" + mine + "\",\"action\":\"restart\"}");
        assertThat(alice.next("result").path("error").asText()).as("cancelled by Bob's state").startsWith("M_NOT_FOUND");
        alice.send("{\"op\":\"update_delayed\",\"rid\":\"5\",\"delay_id\":\"" + other + "\",\"action\":\"restart\"}");
        assertThat(alice.next("result").has("error")).as("her own state leaves hers be").isFalse();
    }

    @Test
    void takesRoomVersion12IdsWithoutAServerName() throws Exception {
        String q = "user=" + URLEncoder.encode("@alice:conclave.local", StandardCharsets.UTF_8) + "&device=A1&room="
                + URLEncoder.encode("!Kcd00IQpaaJhycQ0rmtvtVSQWyAdct3-8V8RGwwSPrs", StandardCharsets.UTF_8);
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/demo/relay?" + q),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        assertThat(messages.poll(5, TimeUnit.SECONDS)).contains("\"op\":\"init\"");
    }

    @Test
    void redactsOnlyTheSendersOwnEventsAndSaysWhichAtTheTop() throws Exception {
        Host alice = new Host("@alice:conclave.local", "A1");
        alice.next("init");
        Host bob = new Host("@bob:conclave.local", "B1");
        bob.next("init");
        alice.send("{\"op\":\"send_event\",\"rid\":\"1\",\"type\":\"m.reaction\",\"content\":{\"m.relates_to\":"
                + "{\"rel_type\":\"m.annotation\",\"event_id\":\"$m\",\"key\":\"x\"}}}");
        String hand = alice.next("result").path("result").path("event_id").asText();
        bob.send("{\"op\":\"send_event\",\"rid\":\"2\",\"type\":\"m.room.redaction\",\"content\":{\"redacts\":\"" + hand + "\"}}");
        assertThat(bob.next("result").path("error").asText()).contains("M_FORBIDDEN");
        bob.send("{\"op\":\"send_event\",\"rid\":\"3\",\"type\":\"m.room.redaction\",\"content\":{\"redacts\":\"$nope\"}}");
        assertThat(bob.next("result").path("error").asText()).contains("M_NOT_FOUND");
        alice.send("{\"op\":\"send_event\",\"rid\":\"4\",\"type\":\"m.room.redaction\",\"content\":{\"redacts\":\"" + hand + "\"}}");
        assertThat(alice.next("result").path("result").path("event_id").asText()).startsWith("$");
        JsonNode redaction = nextEvent(bob, "m.room.redaction");
        assertThat(redaction.path("redacts").asText()).isEqualTo(hand);
        assertThat(redaction.path("content").path("redacts").asText()).isEqualTo(hand);
        // A host connecting later gets the recent timeline as a first sync would: the reaction, its
        // content gone, then the redaction.
        Host carol = new Host("@carol:conclave.local", "C1");
        JsonNode history = carol.next("init").path("timeline");
        List<String> ids = new java.util.ArrayList<>();
        history.forEach(e -> ids.add(e.path("event_id").asText()));
        assertThat(ids).containsSubsequence(hand, redaction.path("event_id").asText());
        history.forEach(e -> {
            assertThat(e.has("state_key")).isFalse();
            if (e.path("event_id").asText().equals(hand)) {
                assertThat(e.path("content").size()).isZero();
            }
        });
    }

    @Test
    void refusesBadRequestsWithAReason() throws Exception {
        Host alice = new Host("@alice:conclave.local", "A1");
        alice.next("init");
        String[][] cases = {
            {"not json", "M_NOT_JSON"},
            {"{\"op\":\"nope\",\"rid\":\"1\"}", "M_UNRECOGNIZED"},
            {"{\"op\":\"send_event\",\"rid\":\"2\",\"type\":\"m.x\",\"content\":[]}", "M_BAD_JSON"},
            {"{\"op\":\"send_event\",\"rid\":\"3\",\"type\":\"bad type!\",\"content\":{}}", "M_BAD_JSON"},
            {"{\"op\":\"send_delayed\",\"rid\":\"4\",\"delay\":-5,\"type\":\"m.x\",\"content\":{}}", "M_INVALID_PARAM"},
            {"{\"op\":\"send_delayed\",\"rid\":\"7\",\"delay\":86400001,\"type\":\"m.x\",\"content\":{}}", "ORG.MATRIX.MSC4140_DELAY_TOO_LARGE"},
            {"{\"op\":\"update_delayed\",\"rid\":\"5\",\"delay_id\":\"nope\",\"action\":\"send\"}", "M_NOT_FOUND"},
            {"{\"op\":\"send_to_device\",\"rid\":\"6\",\"type\":\"m.x\",\"messages\":{\"@b:x\":5}}", "M_BAD_JSON"},
        };
        for (String[] c : cases) {
            alice.send(c[0]);
            assertThat(alice.next("result").path("error").asText()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void refusesConnectionsWithBadIds() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + app.port() + "/demo/relay?user=mallory&device=D&room=x"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(4400);
    }

    private static JsonNode nextEvent(Host host, String type) throws InterruptedException {
        while (true) {
            JsonNode m = host.next("event");
            if (type.equals(m.path("event").path("type").asText())) {
                return m.path("event");
            }
        }
    }

    static String get(Javalin app, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
