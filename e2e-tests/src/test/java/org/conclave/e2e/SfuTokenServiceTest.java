package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;
import org.conclave.server.token.LiveKitNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conclave's SFU token service against a real LiveKit server: a demo user's OpenID token, checked
 * with the demo homeserver, buys a join token; the service created the room on LiveKit; LiveKit
 * accepts the token on its signalling connection and refuses one signed with another secret.
 */
class SfuTokenServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "!sfu:conclave.local";
    static LiveKitServer livekit;
    static Javalin server;

    @BeforeAll
    static void start() throws Exception {
        livekit = LiveKitServer.start();
        LiveKitConfig config = new LiveKitConfig(URI.create(livekit.url()), livekit.apiKey, new Secret(livekit.apiSecret),
                List.of("conclave.local"), "/livekit/jwt", Map.of());
        server = WidgetServer.create(ServerConfig.defaults().withPort(0).withLiveKit(config)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (livekit != null) {
            livekit.close();
        }
    }

    private static JsonNode post(String url, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Opens LiveKit's signalling connection with {@code jwt}; completes with its first message. */
    private static CompletableFuture<ByteBuffer> signal(String jwt) {
        CompletableFuture<ByteBuffer> first = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(livekit.url() + "/rtc?access_token=" + jwt
                + "&protocol=15&sdk=js&version=2.15.0&auto_subscribe=1"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        first.complete(data);
                        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                        return null;
                    }
                }).whenComplete((ws, error) -> {
                    if (error != null) {
                        first.completeExceptionally(error);
                    }
                });
        return first;
    }

    @Test
    void aVouchedMemberGetsATokenLiveKitAccepts() throws Exception {
        JsonNode openId;
        try (ScriptedDevice alice = new ScriptedDevice(server.port(), "@alice:conclave.local", "ADEV", ROOM)) {
            openId = alice.openIdToken().get(10, TimeUnit.SECONDS);
        }
        JsonNode grant = post("http://127.0.0.1:" + server.port() + "/livekit/jwt/get_token", null,
                "{\"room_id\":\"" + ROOM + "\",\"slot_id\":\"m.call#ROOM\",\"openid_token\":" + openId
                        + ",\"member\":{\"id\":\"@alice:conclave.local:ADEV\",\"claimed_user_id\":\"@alice:conclave.local\","
                        + "\"claimed_device_id\":\"ADEV\"}}");
        assertThat(grant.path("url").asText()).isEqualTo(livekit.url());
        String room = LiveKitNames.room(ROOM, "m.call#ROOM");

        // The service created the room on LiveKit (full-access homeserver).
        String lister = JWT.create().withIssuer(livekit.apiKey).withNotBefore(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(60)).withClaim("video", Map.of("roomList", true))
                .sign(Algorithm.HMAC256(livekit.apiSecret));
        JsonNode rooms = post("http://127.0.0.1:" + livekit.port + "/twirp/livekit.RoomService/ListRooms", lister, "{}");
        assertThat(rooms.path("rooms").findValuesAsText("name")).contains(room);

        // LiveKit takes the token on its signalling connection: it answers with its join response.
        ByteBuffer joined = signal(grant.path("jwt").asText()).get(15, TimeUnit.SECONDS);
        assertThat(joined.remaining()).isGreaterThan(10);

        // A token signed with another secret is refused at the door.
        String forged = JWT.create().withIssuer(livekit.apiKey).withSubject("mallory").withNotBefore(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(600)).withClaim("video", Map.of("roomJoin", true, "room", room))
                .sign(Algorithm.HMAC256("not-the-secret-not-the-secret-not-the-secret"));
        assertThatThrownBy(() -> signal(forged).get(15, TimeUnit.SECONDS)).as("LiveKit refuses a forged token")
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }
}
